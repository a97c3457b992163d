import { ConflictException, Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { matchesEventType } from './event-types';
import { publicEventIdsSince } from './public-events.repository';
import { SubscriptionDeliveriesRepository } from './subscription-deliveries.repository';
import { SubscriptionDeliveryQueue } from './subscription-delivery.queue';
import { assertSubscriptionVisible } from './subscription-scope';
import { SubscriptionsRepository } from './subscriptions.repository';

/** At most this many events per replay; ask again from the last one's time for more. */
export const REPLAY_LIMIT = 10_000;

/**
 * Sends again every stored event since a time (by the event's own time) that the subscription
 * matches now, oldest first, each as a delivery of its own (a new webhook-id, the same ce-id).
 */
@Injectable()
export class ReplaySubscription {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: SubscriptionDeliveriesRepository,
    private readonly queue: SubscriptionDeliveryQueue,
  ) {}

  async run(id: string, since: Date, principal: Principal): Promise<{ replayed: number; since: string; truncated: boolean }> {
    await this.queue.ensureReachable();
    const { ids, truncated } = await this.transactions.run(async ({ manager }) => {
      const subscription = assertSubscriptionVisible(principal, await this.subscriptions.find(manager, id, true), id);
      if (subscription.status !== 'active')
        throw new ConflictException(`Subscription ${id} is disabled: enable it first (PATCH { "enabled": true }), then replay.`);
      const stored = await publicEventIdsSince(manager, since, REPLAY_LIMIT);
      const wanted = stored.filter(
        (event) =>
          subscription.eventTypes.some((pattern) => matchesEventType(pattern, event.type)) &&
          (subscription.municipalities === null || subscription.municipalities.includes(event.municipality)),
      );
      return {
        ids: await this.deliveries.planReplay(
          manager,
          id,
          wanted.map((event) => event.id),
        ),
        truncated: stored.length === REPLAY_LIMIT,
      };
    });
    await this.queue.enqueue(ids);
    return { replayed: ids.length, since: since.toISOString(), truncated };
  }
}
