import { InjectQueue, OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { SERVICE_ENV } from '@pejling/platform';
import { IngestEnv } from '../ingest.env';
import { PullJob, PullRunner } from './pull-runner';

export const PULL_QUEUE = 'jobindsats-pulls';
const SCHEDULED = 'scheduled-pull';
const RUN = 'pull';

/** Exponential backoff with ±25 % jitter, so pulls that failed together do not retry together. */
export function jitteredBackoff(baseMs: number) {
  return (attemptsMade: number) => Math.round(baseMs * 2 ** Math.max(0, attemptsMade - 1) * (0.75 + Math.random() * 0.5));
}

/**
 * Schedules the configured pulls as Bull repeatable jobs (cron, in JOBINDSATS_CRON_TZ) and runs
 * every pull as a job with retries: a transient failure throws, so Bull retries it with jittered
 * backoff; a permanent one (bad key, unknown table, unreadable data) stops at once.
 */
@Processor(PULL_QUEUE)
@Injectable()
export class PullQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger(PullQueue.name);

  constructor(
    @InjectQueue(PULL_QUEUE) private readonly queue: Queue<PullJob>,
    private readonly runner: PullRunner,
    @Inject(SERVICE_ENV) private readonly env: IngestEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const wanted = new Map(this.env.JOBINDSATS_PULLS.map((pull) => [`${SCHEDULED}-${pull.table}`, pull]));
    for (const repeatable of await this.queue.getRepeatableJobs()) {
      const pull = wanted.get(repeatable.id ?? '');
      if (!pull || repeatable.cron !== pull.cron || repeatable.tz !== this.env.JOBINDSATS_CRON_TZ)
        await this.queue.removeRepeatableByKey(repeatable.key);
    }
    for (const [jobId, pull] of wanted) {
      await this.queue.add(
        SCHEDULED,
        { pullId: '', table: pull.table, trigger: 'schedule' },
        { jobId, repeat: { cron: pull.cron, tz: this.env.JOBINDSATS_CRON_TZ }, ...this.retries() },
      );
    }
    if (wanted.size > 0)
      this.logger.log({ pulls: [...wanted.values()].map((pull) => `${pull.table} at ${pull.cron}`) }, 'Jobindsats pulls scheduled');
  }

  /** Runs a pull now (admin API); resolves with the job id. */
  async runNow(table: string): Promise<{ jobId: string; pullId: string }> {
    const pullId = randomUUID();
    const job = await this.queue.add(RUN, { pullId, table, trigger: 'manual' }, { jobId: pullId, ...this.retries() });
    return { jobId: String(job.id), pullId };
  }

  @Process(SCHEDULED)
  async scheduled(job: Job<PullJob>): Promise<string> {
    // One pull id for all attempts of this firing of the schedule. (Repeatable job ids may not contain ':'; Bull splits its keys on it.)
    if (!job.data.pullId) await job.update({ ...job.data, pullId: randomUUID() });
    return this.execute(job);
  }

  @Process(RUN)
  async manual(job: Job<PullJob>): Promise<string> {
    return this.execute(job);
  }

  @OnQueueFailed()
  onFailed(job: Job<PullJob>, error: Error): void {
    this.logger.error({ table: job.data.table, pullId: job.data.pullId, attempts: job.attemptsMade, err: error }, 'pull attempt failed');
  }

  private async execute(job: Job<PullJob>): Promise<string> {
    const result = await this.runner.run(job.data, { attempt: job.attemptsMade + 1, maxAttempts: this.env.PULL_MAX_ATTEMPTS });
    if (result.status === 'succeeded') return result.importId;
    if (result.permanent) await job.discard();
    throw new Error(result.error);
  }

  private retries() {
    return { attempts: this.env.PULL_MAX_ATTEMPTS, backoff: { type: 'jittered' }, removeOnComplete: 100, removeOnFail: 100 };
  }
}
