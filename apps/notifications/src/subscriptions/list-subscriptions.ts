import { Injectable } from '@nestjs/common';
import { isUnscoped, Principal, Transactions } from '@pejling/platform';
import { SubscriptionsRepository } from './subscriptions.repository';

/** Lists the subscriptions the principal may see. */
@Injectable()
export class ListSubscriptions {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  run(principal: Principal) {
    return this.transactions.run(({ manager }) =>
      this.subscriptions.list(manager, isUnscoped(principal) ? null : principal.municipalities),
    );
  }
}
