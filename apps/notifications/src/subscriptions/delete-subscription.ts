import { Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { assertSubscriptionVisible } from './subscription-scope';
import { SubscriptionsRepository } from './subscriptions.repository';

/** Deletes a subscription with its secrets and delivery log; queued deliveries find nothing and stop. */
@Injectable()
export class DeleteSubscription {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  run(id: string, principal: Principal): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      assertSubscriptionVisible(principal, await this.subscriptions.find(manager, id, true), id);
      await this.subscriptions.delete(manager, id);
    });
  }
}
