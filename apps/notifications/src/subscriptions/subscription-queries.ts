import { Injectable } from '@nestjs/common';
import { isUnscoped, Principal, Transactions } from '@pejling/platform';
import { SubscriptionDeliveriesRepository } from './subscription-deliveries.repository';
import { assertSubscriptionVisible } from './subscription-scope';
import { SubscriptionsRepository } from './subscriptions.repository';

/** Lists the subscriptions the principal may see. */
@Injectable()
export class ListSubscriptions {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  run(principal: Principal) {
    return this.transactions.run(({ manager }) => this.subscriptions.list(manager, isUnscoped(principal) ? null : principal.municipalities));
  }
}

@Injectable()
export class GetSubscription {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  async run(id: string, principal: Principal) {
    return assertSubscriptionVisible(principal, await this.transactions.run(({ manager }) => this.subscriptions.find(manager, id)), id);
  }
}

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
