import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@pejling/contracts';
import { appendToOutbox } from './outbox.repository';
import { OutboxRelay } from './outbox-relay';
import { recordProcessedEvents } from './processed-events.repository';

export interface UnitOfWork {
  manager: EntityManager;
  /** Queues events that are written to the outbox in the same transaction as the state. */
  publish(...events: EventEnvelope[]): void;
}

export type OnceResult<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * The one way services change state: the state and the events it causes commit in one
 * transaction (transactional outbox), and consumers record each event id they have handled in
 * that same transaction, so a redelivered message changes nothing.
 */
export class Transactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly topicPrefix: string,
  ) {}

  async run<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    const events: EventEnvelope[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work({ manager, publish: (...more) => events.push(...more) });
      await appendToOutbox(manager, events, this.topicPrefix);
      return value;
    });
    if (events.length > 0) this.relay.wake();
    return result;
  }

  /** Runs `work` at most once per (consumer, event id), however often Kafka delivers the event. */
  async runOnce<T>(consumer: string, event: EventEnvelope, work: (unit: UnitOfWork) => Promise<T>): Promise<OnceResult<T>> {
    return this.run(async (unit) => {
      const recorded = await recordProcessedEvents(unit.manager, consumer, [event]);
      if (recorded.size === 0) return { duplicate: true } as const;
      return { duplicate: false, result: await work(unit) } as const;
    });
  }

  /**
   * Runs `work` once for the events of a batch not handled before (in their delivery order), in one
   * transaction: a redelivered batch, or the part of it already done, changes nothing.
   */
  async runOnceBatch<T>(
    consumer: string,
    events: readonly EventEnvelope[],
    work: (unit: UnitOfWork, fresh: EventEnvelope[]) => Promise<T>,
  ): Promise<{ duplicates: number; result: T }> {
    return this.run(async (unit) => {
      const firstTime = await recordProcessedEvents(unit.manager, consumer, events);
      // A batch may hold the same event twice (a producer retry): handle it once, where it came first.
      const fresh = events.filter((event) => firstTime.delete(event.id));
      return { duplicates: events.length - fresh.length, result: await work(unit, fresh) };
    });
  }
}
