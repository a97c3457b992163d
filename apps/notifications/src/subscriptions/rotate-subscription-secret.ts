import { Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { SigningSecrets } from '../signing/signing-secrets.repository';
import { assertSubscriptionVisible } from './subscription-scope';
import { SubscriptionsRepository } from './subscriptions.repository';

/** Issues a new secret; the old one keeps signing beside it (space-separated signatures) for the overlap. */
@Injectable()
export class RotateSubscriptionSecret {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SigningSecrets,
    private readonly clock: Clock,
  ) {}

  run(id: string, overlapMinutes: number, principal: Principal): Promise<{ secret: string; previousSecretValidUntil: string }> {
    return this.transactions.run(async ({ manager }) => {
      assertSubscriptionVisible(principal, await this.subscriptions.find(manager, id, true), id);
      const { secret, previousValidUntil } = await this.secrets.rotate(manager, { subscriptionId: id }, overlapMinutes, this.clock.now());
      return { secret, previousSecretValidUntil: previousValidUntil.toISOString() };
    });
  }
}
