import { Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { SubscriptionDeliveriesRepository } from './subscription-deliveries.repository';
import { assertSubscriptionVisible } from './subscription-scope';
import { SubscriptionsRepository } from './subscriptions.repository';

/** The delivery log of one subscription, newest first, each delivery with its attempts. */
@Injectable()
export class ListSubscriptionDeliveries {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: SubscriptionDeliveriesRepository,
  ) {}

  async run(id: string, filter: { status?: string; limit: number }, principal: Principal) {
    return this.transactions.run(async ({ manager }) => {
      assertSubscriptionVisible(principal, await this.subscriptions.find(manager, id), id);
      return this.deliveries.list(manager, id, filter);
    });
  }
}
