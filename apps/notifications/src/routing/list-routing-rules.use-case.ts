import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { RoutingRuleRecord, RoutingRulesRepository } from './routing-rules.repository';

/** The routing table in its order. */
@Injectable()
export class ListRoutingRules {
  constructor(
    private readonly transactions: Transactions,
    private readonly rules: RoutingRulesRepository,
  ) {}

  run(): Promise<RoutingRuleRecord[]> {
    return this.transactions.run(({ manager }) => this.rules.list(manager));
  }
}
