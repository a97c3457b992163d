import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { PruneProcessedEvents, ProcessedEventsPruneResult, SERVICE_ENV } from '@pejling/platform';
import { GoalsEnv } from '../goals.env';
import { SCHEDULED_QUEUE } from '../staleness/staleness-checker';
import { EvaluationsPruneResult, PruneEvaluations } from './prune-evaluations.use-case';

export const RETENTION_JOBS = { processedEvents: 'prune-processed-events', evaluations: 'prune-evaluations' } as const;

/**
 * Repeatable Bull jobs (one schedule however many instances run) every RETENTION_EVERY_MS: the
 * processed-event ids past the topics' retention, and superseded evaluations past theirs.
 */
@Processor(SCHEDULED_QUEUE)
@Injectable()
export class RetentionJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionJobs.name);

  constructor(
    @InjectQueue(SCHEDULED_QUEUE) private readonly queue: Queue,
    private readonly pruneProcessed: PruneProcessedEvents,
    private readonly pruneEvaluations: PruneEvaluations,
    @Inject(SERVICE_ENV) private readonly env: GoalsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Bull keeps repeatable jobs in Redis across restarts: a schedule of an earlier interval, or one
    // from before RETENTION_EVERY_MS=0, would go on deleting.
    const names: string[] = Object.values(RETENTION_JOBS);
    for (const job of await this.queue.getRepeatableJobs()) {
      if (names.includes(job.name) && job.every !== this.env.RETENTION_EVERY_MS) await this.queue.removeRepeatableByKey(job.key);
    }
    if (this.env.RETENTION_EVERY_MS === 0) return;
    for (const name of names) {
      await this.queue.add(
        name,
        {},
        { repeat: { every: this.env.RETENTION_EVERY_MS }, jobId: name, removeOnComplete: true, removeOnFail: true },
      );
    }
  }

  @Process(RETENTION_JOBS.processedEvents)
  pruneProcessedEvents(): Promise<ProcessedEventsPruneResult> {
    return this.logFailure(RETENTION_JOBS.processedEvents, this.pruneProcessed.execute(new Date()));
  }

  @Process(RETENTION_JOBS.evaluations)
  pruneSupersededEvaluations(): Promise<EvaluationsPruneResult> {
    return this.logFailure(RETENTION_JOBS.evaluations, this.pruneEvaluations.execute(new Date()));
  }

  /** Bull keeps a failed repeatable job to itself: say so in the log, and the next round tries again. */
  private async logFailure<T>(job: string, run: Promise<T>): Promise<T> {
    try {
      return await run;
    } catch (error) {
      this.logger.warn({ err: error, job }, 'retention job failed; it runs again next round');
      throw error;
    }
  }
}
