import { Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { UpdateSubscriptionInput } from './subscription-input';
import { assertMunicipalitiesInScope, assertSubscriptionVisible } from './subscription-scope';
import { Subscription, SubscriptionsRepository } from './subscriptions.repository';

/** Changes a subscription; `enabled: true` re-enables a disabled one (failure count back to 0). */
@Injectable()
export class UpdateSubscription {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  run(id: string, input: UpdateSubscriptionInput, principal: Principal): Promise<Subscription> {
    return this.transactions.run(async ({ manager }) => {
      assertSubscriptionVisible(principal, await this.subscriptions.find(manager, id, true), id);
      if (input.municipalities !== undefined) assertMunicipalitiesInScope(principal, input.municipalities);
      return this.subscriptions.update(manager, id, input);
    });
  }
}
