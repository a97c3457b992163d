import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, scopeFilter } from '@pejling/platform';
import { listPlans, PlanSummary } from './plans.repository';

/** The plans in the principal's scope, with their live goals counted. */
@Injectable()
export class ListPlans {
  constructor(private readonly dataSource: DataSource) {}

  run(principal: Principal): Promise<PlanSummary[]> {
    return listPlans(this.dataSource.manager, scopeFilter(principal));
  }
}
