import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoutingRuleRecord, RoutingRulesRepository } from './routing-rules.repository';

/** The routing table in its order. */
@Injectable()
export class ListRoutingRules {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RoutingRulesRepository,
  ) {}

  run(): Promise<RoutingRuleRecord[]> {
    return this.rules.list(this.dataSource.manager);
  }
}
