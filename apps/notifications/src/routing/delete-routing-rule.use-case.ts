import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { foundOr404 } from './found-or-404';
import { RoutingRulesRepository } from './routing-rules.repository';

/** Removes a rule from the routing table. */
@Injectable()
export class DeleteRoutingRule {
  constructor(
    private readonly transactions: Transactions,
    private readonly rules: RoutingRulesRepository,
  ) {}

  run(id: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      foundOr404(await this.rules.find(manager, id, true), 'routing rule', id);
      await this.rules.delete(manager, id);
    });
  }
}
