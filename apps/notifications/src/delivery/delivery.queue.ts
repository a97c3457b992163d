import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';

export const DELIVERY_QUEUE = 'deliveries';

export interface DeliveryJob {
  deliveryId: string;
}

/** Puts deliveries on the Bull queue; the delivery id is the job id, so a delivery is queued at most once at a time. */
@Injectable()
export class DeliveryQueue {
  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJob>,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        data: { deliveryId },
        opts: {
          jobId: deliveryId,
          attempts: this.env.DELIVERY_MAX_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.env.DELIVERY_BACKOFF_MS },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      })),
    );
  }
}
