import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV } from '@pejling/platform';
import { Clock } from '../clock';
import { DeliverySweeper } from '../delivery/delivery-sweeper';
import { Digests } from '../digests/digests';
import { Reminders } from '../episodes/reminders';
import { NotificationsEnv } from '../notifications.env';
import { SubscriptionSweeper } from '../subscriptions/subscription-sweeper';

export const SCHEDULED_QUEUE = 'notifications-scheduled';
const JOBS = { sweep: 'sweep-deliveries', reminders: 'reminders', digests: 'digests' } as const;

/**
 * Repeatable Bull jobs (one schedule however many instances run): the delivery sweeper, the
 * reminder sweep and the digest sweep. Each calls a method that takes `now`, so tests and the
 * admin endpoint can run them at a chosen moment.
 */
@Processor(SCHEDULED_QUEUE)
@Injectable()
export class ScheduledJobs implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(SCHEDULED_QUEUE) private readonly queue: Queue,
    private readonly sweeper: DeliverySweeper,
    private readonly subscriptionSweeper: SubscriptionSweeper,
    private readonly reminders: Reminders,
    private readonly digests: Digests,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const repeat = (name: string, every: number) =>
      this.queue.add(name, {}, { repeat: { every }, jobId: name, removeOnComplete: true, removeOnFail: true });
    await repeat(JOBS.sweep, this.env.DELIVERY_SWEEP_EVERY_MS);
    if (this.env.REMINDER_SWEEP_EVERY_MS > 0) await repeat(JOBS.reminders, this.env.REMINDER_SWEEP_EVERY_MS);
    if (this.env.DIGEST_SWEEP_EVERY_MS > 0) await repeat(JOBS.digests, this.env.DIGEST_SWEEP_EVERY_MS);
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
}
