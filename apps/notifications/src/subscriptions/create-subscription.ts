import { Injectable } from '@nestjs/common';
import { authorOfPrincipal, Principal, Transactions } from '@pejling/platform';
import { SigningSecrets } from '../signing/signing-secrets.repository';
import { CreateSubscriptionInput } from './subscription-input';
import { assertMunicipalitiesInScope } from './subscription-scope';
import { Subscription, SubscriptionsRepository } from './subscriptions.repository';

/** Creates a subscription with its first secret; the secret is returned this once and stored only sealed. */
@Injectable()
export class CreateSubscription {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SigningSecrets,
  ) {}

  run(input: CreateSubscriptionInput, principal: Principal): Promise<{ subscription: Subscription; secret: string }> {
    const municipalities = input.municipalities ?? null;
    assertMunicipalitiesInScope(principal, municipalities);
    return this.transactions.run(async ({ manager }) => {
      const subscription = await this.subscriptions.insert(manager, {
        url: input.url,
        eventTypes: input.eventTypes,
        municipalities,
        description: input.description,
        contactEmail: input.contactEmail ?? null,
        createdBy: authorOfPrincipal(principal),
      });
      const secret = await this.secrets.issue(manager, { subscriptionId: subscription.id });
      return { subscription, secret };
    });
  }
}
