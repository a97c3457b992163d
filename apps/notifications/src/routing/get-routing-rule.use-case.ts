import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { foundOr404 } from './found-or-404';
import { RoutingRuleRecord, RoutingRulesRepository } from './routing-rules.repository';

/** One routing rule, or 404. */
@Injectable()
export class GetRoutingRule {
  constructor(
    private readonly transactions: Transactions,
    private readonly rules: RoutingRulesRepository,
  ) {}

  async run(id: string): Promise<RoutingRuleRecord> {
    return foundOr404(await this.transactions.run(({ manager }) => this.rules.find(manager, id)), 'routing rule', id);
  }
}
