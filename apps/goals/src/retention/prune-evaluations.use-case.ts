import { Inject, Injectable, Logger } from '@nestjs/common';
import { deleteInBatches, RetentionLock, retentionCutoff, SERVICE_ENV, ServiceMetrics, Transactions } from '@pejling/platform';
import { GoalsEnv } from '../goals.env';
import { deleteSupersededEvaluationsBefore } from './evaluations-retention.repository';

export interface EvaluationsPruneResult {
  /** Another instance was pruning: this run did nothing. */
  skipped: boolean;
  deleted: number;
}

/**
 * Deletes superseded judgements older than EVALUATIONS_RETENTION_DAYS (10 years by default; 0 keeps
 * them for ever). What reports and goal pages need stays: every current judgement, and whatever a
 * goal's state or transitions refer to. One instance at a time, in short batches.
 */
@Injectable()
export class PruneEvaluations {
  private readonly logger = new Logger(PruneEvaluations.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly lock: RetentionLock,
    private readonly metrics: ServiceMetrics,
    @Inject(SERVICE_ENV) private readonly env: GoalsEnv,
  ) {}

  async execute(now: Date): Promise<EvaluationsPruneResult> {
    const before = retentionCutoff(now, this.env.EVALUATIONS_RETENTION_DAYS);
    if (!before) return { skipped: false, deleted: 0 };
    const outcome = await this.lock.runExclusively('goals.evaluations.retention', () =>
      deleteInBatches(this.env.RETENTION_BATCH_SIZE, (limit) =>
        this.transactions.run(({ manager }) => deleteSupersededEvaluationsBefore(manager, { before, limit })),
      ),
    );
    if (!outcome.ran) return { skipped: true, deleted: 0 };
    this.metrics.prunedRows.inc({ table: 'evaluations' }, outcome.result);
    if (outcome.result > 0) this.logger.log({ deleted: outcome.result, before }, 'pruned superseded evaluations');
    return { skipped: false, deleted: outcome.result };
  }
}
