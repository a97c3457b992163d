import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import { ServiceMetrics, withDeadline } from '@pejling/platform';
import { DELIVERY_QUEUE } from '../delivery/delivery.queue';
import { SUBSCRIPTION_QUEUE } from '../subscriptions/subscription-delivery.queue';
import { DeliveryCountsRepository } from './delivery-counts.repository';

/** Deliveries by channel and status, and the Bull queues' jobs by state, read at each scrape. */
@Injectable()
export class NotificationMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly deliveries: DeliveryCountsRepository,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveryQueue: Queue,
    @InjectQueue(SUBSCRIPTION_QUEUE) private readonly subscriptionQueue: Queue,
  ) {}

  onModuleInit(): void {
    this.metrics.addGauge(
      'pejling_deliveries',
      'Deliveries to people and endpoints, by channel and status',
      ['channel', 'status'],
      async () => (await this.deliveries.byStatus()).map(({ channel, status, n }) => ({ labels: { channel, status }, value: n })),
    );
    this.metrics.addGauge('pejling_queue_jobs', 'Bull jobs by queue and state', ['queue', 'state'], async () => {
      const samples = [];
      for (const queue of [this.deliveryQueue, this.subscriptionQueue]) {
        const counts = await withDeadline(queue.getJobCounts(), 2_000, 'redis', 'getJobCounts');
        for (const [state, n] of Object.entries(counts)) samples.push({ labels: { queue: queue.name, state }, value: n });
      }
      return samples;
    });
  }
}
