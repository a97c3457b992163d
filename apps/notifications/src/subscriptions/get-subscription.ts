import { Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { assertSubscriptionVisible } from './subscription-scope';
import { SubscriptionsRepository } from './subscriptions.repository';

/** One subscription; out of the principal's scope it is unknown (404). */
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
