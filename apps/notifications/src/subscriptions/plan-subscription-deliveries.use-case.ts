import { Injectable } from '@nestjs/common';
import { currentVersion, EventEnvelope } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { SUBSCRIBABLE_EVENT_TYPES } from './event-types';
import { storePublicEvent } from './public-events.repository';
import { SubscriptionDeliveriesRepository } from './subscription-deliveries.repository';
import { SubscriptionDeliveryQueue } from './subscription-delivery.queue';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * Stores a subscribable public event in notifications' own table (replay reads it, not Kafka's
 * retention) and plans one delivery per matching active subscription, in one transaction; the
 * deliveries are queued after the commit. Answers how many were planned (0 for an event nobody
 * subscribes to, or one seen before).
 */
@Injectable()
export class PlanSubscriptionDeliveries {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: SubscriptionDeliveriesRepository,
    private readonly queue: SubscriptionDeliveryQueue,
  ) {}

  async run(event: EventEnvelope): Promise<number> {
    if (!SUBSCRIBABLE_EVENT_TYPES.includes(event.type)) return 0;
    // The stored event is the idempotency record: a redelivered event inserts nothing and plans nothing.
    const planned = await this.transactions.run(async ({ manager }) => {
      // Handlers see the payload upcast to the current version, so that is the version stored and named in ce-dataschema.
      if (!(await storePublicEvent(manager, event, currentVersion(event.type)))) return [];
      const matching = await this.subscriptions.matching(manager, event.type, event.municipality);
      return this.deliveries.planLive(
        manager,
        event.id,
        matching.map((subscription) => subscription.id),
      );
    });
    if (planned.length > 0) await this.queue.enqueue(planned);
    return planned.length;
  }
}
