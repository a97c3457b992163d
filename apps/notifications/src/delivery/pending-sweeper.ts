import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { DELIVERY_QUEUE, DeliveryQueue } from './delivery.queue';

const SWEEP_JOB = 'sweep-pending';
const SWEEP_EVERY_MS = 30_000;

/**
 * A repeatable Bull job that re-queues deliveries committed but never queued (the process died
 * between the commit and the enqueue). Job ids are delivery ids, so nothing is queued twice.
 */
@Processor(DELIVERY_QUEUE)
@Injectable()
export class PendingSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(PendingSweeper.name);

  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue,
    private readonly deliveries: DeliveryQueue,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.add(SWEEP_JOB, {}, { repeat: { every: SWEEP_EVERY_MS }, jobId: SWEEP_JOB, removeOnComplete: true, removeOnFail: true });
    await this.sweep();
  }

  /**
   * Re-queues pending and retrying deliveries whose Bull job is gone (never queued, or lost with
   * Redis); a delivery whose job still exists is left to Bull's own backoff.
   */
  @Process(SWEEP_JOB)
  async sweep(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM deliveries WHERE status IN ('pending', 'retrying') AND created_at < now() - interval '5 seconds' ORDER BY created_at LIMIT 1000`,
    );
    const orphans: string[] = [];
    for (const row of rows) if (!(await this.queue.getJob(row.id))) orphans.push(row.id);
    if (orphans.length > 0) {
      await this.deliveries.enqueue(orphans);
      this.logger.log({ count: orphans.length }, 're-queued deliveries without a live job');
    }
    return orphans.length;
  }
}
