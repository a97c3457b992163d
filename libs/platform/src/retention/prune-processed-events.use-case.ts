import { Logger } from '@nestjs/common';
import type { TopicRetentionReader } from '../kafka/topic-retention';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { deleteProcessedEventsBefore } from '../outbox/processed-events.repository';
import type { Transactions } from '../outbox/transactions';
import { deleteInBatches } from './delete-in-batches';
import { processedEventsPrunes, retentionTopics } from './processed-events-cutoff';
import type { RetentionLock } from './retention-lock.repository';

export interface PruneProcessedEventsOptions {
  /** The service's schema: names the lock, so each service prunes its own table. */
  schema: string;
  topicPrefix: string;
  /** Kept beyond the broker's redelivery window (PROCESSED_EVENTS_MARGIN_DAYS). */
  marginMs: number;
  batchSize: number;
}

export interface ProcessedEventsPruneResult {
  /** Another instance was pruning: this run did nothing. */
  skipped: boolean;
  deleted: number;
  /** Topics whose ids were all kept: infinite retention, compaction, or not found on the broker. */
  keptTopics: string[];
}

/**
 * Deletes the processed-event ids (the consumers' guard against redelivery) that no redelivery can
 * need any more. The retention comes from the broker itself, per topic and its dead-letter topic:
 * what it applies is the truth (a topic's own setting or the broker's default), not a copy in our
 * settings that could drift. If the broker cannot be asked, the run fails and deletes nothing.
 */
export class PruneProcessedEvents {
  private readonly logger = new Logger(PruneProcessedEvents.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly lock: RetentionLock,
    private readonly topics: TopicRetentionReader,
    private readonly metrics: ServiceMetrics,
    private readonly options: PruneProcessedEventsOptions,
  ) {}

  async execute(now: Date): Promise<ProcessedEventsPruneResult> {
    const { schema, topicPrefix, marginMs, batchSize } = this.options;
    const outcome = await this.lock.runExclusively(`${schema}.processed_events.retention`, async () => {
      const retention = await this.topics.read(retentionTopics(topicPrefix));
      const { prune, keep } = processedEventsPrunes(now, (topic) => retention.get(topic), { topicPrefix, marginMs });
      let deleted = 0;
      for (const { eventTypes, before } of prune) {
        deleted += await deleteInBatches(batchSize, (limit) =>
          this.transactions.run(({ manager }) => deleteProcessedEventsBefore(manager, { eventTypes, before, limit })),
        );
      }
      return { deleted, keptTopics: keep };
    });
    if (!outcome.ran) return { skipped: true, deleted: 0, keptTopics: [] };
    const { deleted, keptTopics } = outcome.result;
    this.metrics.prunedRows.inc({ table: 'processed_events' }, deleted);
    if (deleted > 0) this.logger.log({ deleted, keptTopics }, 'pruned processed-event ids beyond the topics’ retention');
    return { skipped: false, deleted, keptTopics };
  }
}
