import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV } from '@pejling/platform';
import { processDeliveryJobs } from '../delivery/delivery-jobs';
import { NotificationsEnv } from '../notifications.env';
import { SendSubscriptionDelivery } from './send-subscription-delivery.use-case';
import { SUBSCRIPTION_QUEUE, SubscriptionDeliveryJob } from './subscription-delivery.queue';

/** Runs one subscription delivery attempt per Bull job run (SendSubscriptionDelivery); a thrown attempt is retried by Bull. */
@Injectable()
export class SubscriptionDeliveryProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(SUBSCRIPTION_QUEUE) private readonly queue: Queue<SubscriptionDeliveryJob>,
    private readonly sendDelivery: SendSubscriptionDelivery,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  onApplicationBootstrap(): void {
    processDeliveryJobs(this.queue, this.env.DELIVERY_CONCURRENCY, (deliveryId) => this.sendDelivery.run(deliveryId));
  }
}
