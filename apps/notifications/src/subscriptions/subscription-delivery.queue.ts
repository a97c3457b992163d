import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV, withDeadline } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';

export const SUBSCRIPTION_QUEUE = 'subscription-deliveries';

export interface SubscriptionDeliveryJob {
  deliveryId: string;
}

/** Puts subscription deliveries on their own Bull queue (job id = delivery id), retried with jittered exponential backoff. */
@Injectable()
export class SubscriptionDeliveryQueue {
  constructor(
    @InjectQueue(SUBSCRIPTION_QUEUE) private readonly queue: Queue<SubscriptionDeliveryJob>,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  /** Fails fast (503) when Redis does not answer: called before a request changes anything it would then queue. */
  async ensureReachable(): Promise<void> {
    await this.redis('ping', this.queue.client.ping());
  }

  job(deliveryId: string) {
    return this.redis('getJob', this.queue.getJob(deliveryId));
  }

  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.redis(
      'add',
      this.queue.addBulk(
        deliveryIds.map((deliveryId) => ({
          data: { deliveryId },
          opts: {
            jobId: deliveryId,
            attempts: this.env.DELIVERY_MAX_ATTEMPTS,
            backoff: { type: 'jitter' },
            removeOnComplete: true,
            removeOnFail: 1000,
          },
        })),
      ),
    );
  }

  private redis<T>(what: string, command: Promise<T>): Promise<T> {
    return withDeadline(command, this.env.REDIS_COMMAND_TIMEOUT_MS, 'redis', what);
  }
}
