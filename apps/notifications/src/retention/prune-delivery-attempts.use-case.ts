import { Inject, Injectable, Logger } from '@nestjs/common';
import { deleteInBatches, RetentionLock, retentionCutoff, SERVICE_ENV, ServiceMetrics, Transactions } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { ATTEMPT_LOGS, AttemptLog, deleteFinishedAttemptsBefore } from './delivery-attempts-retention.repository';

export interface DeliveryAttemptsPruneResult {
  /** Another instance was pruning: this run did nothing. */
  skipped: boolean;
  /** Attempts deleted, per attempt log. */
  deleted: Record<AttemptLog, number>;
}

/**
 * Deletes the attempt logs of finished deliveries (alerts and integrators' subscriptions alike)
 * whose last attempt ended more than DELIVERY_ATTEMPTS_RETENTION_DAYS ago (90 by default; 0 keeps
 * them for ever). The deliveries stay, with their status, attempt count and last error. One
 * instance at a time, in short batches.
 */
@Injectable()
export class PruneDeliveryAttempts {
  private readonly logger = new Logger(PruneDeliveryAttempts.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly lock: RetentionLock,
    private readonly metrics: ServiceMetrics,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async execute(now: Date): Promise<DeliveryAttemptsPruneResult> {
    const none = { delivery_attempts: 0, subscription_delivery_attempts: 0 };
    const before = retentionCutoff(now, this.env.DELIVERY_ATTEMPTS_RETENTION_DAYS);
    if (!before) return { skipped: false, deleted: none };
    const outcome = await this.lock.runExclusively('notifications.delivery_attempts.retention', async () => {
      const deleted = { ...none };
      for (const log of Object.keys(ATTEMPT_LOGS) as AttemptLog[]) {
        deleted[log] = await deleteInBatches(this.env.RETENTION_BATCH_SIZE, (limit) =>
          this.transactions.run(({ manager }) => deleteFinishedAttemptsBefore(manager, log, { before, limit })),
        );
        this.metrics.prunedRows.inc({ table: log }, deleted[log]);
      }
      return deleted;
    });
    if (!outcome.ran) return { skipped: true, deleted: none };
    if (Object.values(outcome.result).some((count) => count > 0))
      this.logger.log({ deleted: outcome.result, before }, 'pruned attempt logs of finished deliveries');
    return { skipped: false, deleted: outcome.result };
  }
}
