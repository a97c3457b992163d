/** What the service's Kafka consumer is doing: readiness and /metrics read it. */
/** `rejoining`: the message stream failed (the broker went away) and the consumer is joining its group again. */
export type ConsumerState = 'none' | 'starting' | 'consuming' | 'rejoining' | 'crashed' | 'stopped';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages on the partition past the group's committed offset. */
  lag: number;
}

/**
 * The consumer's state and lag, set by the event transport (which runs outside Nest's container)
 * and read by /health/ready and /metrics. A service that consumes nothing stays `none`.
 */
export class ConsumerMonitor {
  state: ConsumerState = 'none';
  /** Why the consumer crashed, when it did. */
  failure?: string;
  private readLag: () => Promise<PartitionLag[]> = async () => [];

  readLagWith(reader: () => Promise<PartitionLag[]>): void {
    this.readLag = reader;
  }

  lag(): Promise<PartitionLag[]> {
    return this.readLag();
  }
}
