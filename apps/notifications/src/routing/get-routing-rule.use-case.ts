import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { foundOr404 } from './found-or-404';
import { RoutingRuleRecord, RoutingRulesRepository } from './routing-rules.repository';

/** One routing rule, or 404. */
@Injectable()
export class GetRoutingRule {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RoutingRulesRepository,
  ) {}

  async run(id: string): Promise<RoutingRuleRecord> {
    return foundOr404(await this.rules.find(this.dataSource.manager, id), 'routing rule', id);
  }
}
