import { Injectable } from '@nestjs/common';
import { Principal, scopeFilter } from '@pejling/platform';
import { PlansRepository, PlanSummary } from './plans.repository';

/** The plans in the principal's scope, with their live goals counted. */
@Injectable()
export class ListPlans {
  constructor(private readonly plans: PlansRepository) {}

  run(principal: Principal): Promise<PlanSummary[]> {
    return this.plans.listPlans(scopeFilter(principal));
  }
}
