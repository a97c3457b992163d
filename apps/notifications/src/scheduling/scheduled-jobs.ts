import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { PruneProcessedEvents, SERVICE_ENV } from '@pejling/platform';
import { Clock } from '../clock';
import { DeliverySweeper } from '../delivery/delivery-sweeper';
import { Digests } from '../digests/digests';
import { Reminders } from '../episodes/reminders';
import { NotificationsEnv } from '../notifications.env';
import { PruneDeliveryAttempts } from '../retention/prune-delivery-attempts.use-case';
import { SubscriptionSweeper } from '../subscriptions/subscription-sweeper';

export const SCHEDULED_QUEUE = 'notifications-scheduled';
export const JOBS = {
  sweep: 'sweep-deliveries',
  reminders: 'reminders',
  digests: 'digests',
  pruneProcessedEvents: 'prune-processed-events',
  pruneDeliveryAttempts: 'prune-delivery-attempts',
} as const;

/**
 * Repeatable Bull jobs (one schedule however many instances run): the delivery sweeper, the
 * reminder sweep, the digest sweep and the retention jobs (processed-event ids, finished
 * deliveries' attempt logs). Each calls a method that takes `now`, so tests and the admin endpoint
 * can run them at a chosen moment.
 */
@Processor(SCHEDULED_QUEUE)
@Injectable()
export class ScheduledJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduledJobs.name);

  constructor(
    @InjectQueue(SCHEDULED_QUEUE) private readonly queue: Queue,
    private readonly sweeper: DeliverySweeper,
    private readonly subscriptionSweeper: SubscriptionSweeper,
    private readonly reminders: Reminders,
    private readonly digests: Digests,
    private readonly pruneProcessed: PruneProcessedEvents,
    private readonly pruneAttempts: PruneDeliveryAttempts,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const repeat = (name: string, every: number) =>
      this.queue.add(name, {}, { repeat: { every }, jobId: name, removeOnComplete: true, removeOnFail: true });
    await repeat(JOBS.sweep, this.env.DELIVERY_SWEEP_EVERY_MS);
    if (this.env.REMINDER_SWEEP_EVERY_MS > 0) await repeat(JOBS.reminders, this.env.REMINDER_SWEEP_EVERY_MS);
    if (this.env.DIGEST_SWEEP_EVERY_MS > 0) await repeat(JOBS.digests, this.env.DIGEST_SWEEP_EVERY_MS);
    // Bull keeps repeatable jobs in Redis across restarts: a retention schedule of an earlier interval,
    // or one from before RETENTION_EVERY_MS=0, would go on deleting.
    const retention: string[] = [JOBS.pruneProcessedEvents, JOBS.pruneDeliveryAttempts];
    for (const job of await this.queue.getRepeatableJobs()) {
      if (retention.includes(job.name) && job.every !== this.env.RETENTION_EVERY_MS) await this.queue.removeRepeatableByKey(job.key);
    }
    if (this.env.RETENTION_EVERY_MS > 0) for (const name of retention) await repeat(name, this.env.RETENTION_EVERY_MS);
    await this.sweeper.sweep();
    await this.subscriptionSweeper.sweep();
  }

  @Process(JOBS.sweep)
  async sweepDeliveries(): Promise<number> {
    return (await this.sweeper.sweep()) + (await this.subscriptionSweeper.sweep());
  }

  @Process(JOBS.reminders)
  sweepReminders() {
    return this.reminders.sweep(this.clock.now());
  }

  @Process(JOBS.digests)
  sweepDigests(): Promise<number> {
    return this.digests.sweep(this.clock.now());
  }

  @Process(JOBS.pruneProcessedEvents)
  pruneProcessedEvents() {
    return this.logFailure(JOBS.pruneProcessedEvents, this.pruneProcessed.execute(this.clock.now()));
  }

  @Process(JOBS.pruneDeliveryAttempts)
  pruneDeliveryAttempts() {
    return this.logFailure(JOBS.pruneDeliveryAttempts, this.pruneAttempts.execute(this.clock.now()));
  }

  /** Bull keeps a failed repeatable job to itself: a retention round that fails says so, and the next one tries again. */
  private async logFailure<T>(job: string, run: Promise<T>): Promise<T> {
    try {
      return await run;
    } catch (error) {
      this.logger.warn({ err: error, job }, 'retention job failed; it runs again next round');
      throw error;
    }
  }
}
