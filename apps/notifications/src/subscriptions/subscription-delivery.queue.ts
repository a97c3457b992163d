import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV } from '@pejling/platform';
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

  job(deliveryId: string) {
    return this.queue.getJob(deliveryId);
  }

  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queue.addBulk(
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
    );
  }
}
