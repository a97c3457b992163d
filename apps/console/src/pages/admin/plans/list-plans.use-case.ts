import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { planList, PlanSummary } from './plans.schema';

/** The plans the admin may see (the goals service scopes them). */
@Injectable()
export class ListPlans {
  constructor(private readonly services: ServicesClient) {}

  execute(viewer: Viewer): Promise<PlanSummary[]> {
    return this.services.forUser(viewer).get('goals', '/v1/plans', planList);
  }
}
