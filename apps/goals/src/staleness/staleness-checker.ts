import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV } from '@pejling/platform';
import { GoalsEnv } from '../goals.env';
import { MarkStaleGoals } from './mark-stale-goals.use-case';

export const SCHEDULED_QUEUE = 'goals-scheduled';
const STALENESS_JOB = 'staleness-check';

/** A repeatable Bull job that marks overdue goals stale (MarkStaleGoals). */
@Processor(SCHEDULED_QUEUE)
@Injectable()
export class StalenessChecker implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(SCHEDULED_QUEUE) private readonly queue: Queue,
    private readonly markStale: MarkStaleGoals,
    @Inject(SERVICE_ENV) private readonly env: GoalsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.STALENESS_CHECK_EVERY_MS === 0) return;
    await this.queue.add(
      STALENESS_JOB,
      {},
      { repeat: { every: this.env.STALENESS_CHECK_EVERY_MS }, jobId: STALENESS_JOB, removeOnComplete: true, removeOnFail: true },
    );
  }

  /** Marks every overdue goal stale; returns how many. Bull calls it with the job, a test with the date to check at. */
  @Process(STALENESS_JOB)
  check(now: unknown = new Date()): Promise<number> {
    return this.markStale.execute(now instanceof Date ? now : new Date());
  }
}
