import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { processDeliveryJobs } from './delivery-jobs';
import { DELIVERY_QUEUE, DeliveryJob } from './delivery.queue';
import { SendDelivery } from './send-delivery.use-case';

/** Runs one delivery attempt per Bull job run (SendDelivery); a thrown attempt is retried by Bull with backoff. */
@Injectable()
export class DeliveryProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJob>,
    private readonly sendDelivery: SendDelivery,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  onApplicationBootstrap(): void {
    processDeliveryJobs(this.queue, this.env.DELIVERY_CONCURRENCY, (deliveryId) => this.sendDelivery.run(deliveryId));
  }
}
