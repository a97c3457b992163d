import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertVisible, Principal } from '@pejling/platform';
import { findPlanMunicipality, listPlanVersions, PlanVersionListing } from './plan-versions.repository';

/** A plan's versions, oldest first; each version's document is `GET /v1/plans/:id?version=N`. */
@Injectable()
export class ListPlanVersions {
  constructor(private readonly dataSource: DataSource) {}

  async run(planId: string, principal: Principal): Promise<PlanVersionListing[]> {
    const municipality = await findPlanMunicipality(this.dataSource.manager, planId);
    if (!municipality) throw new NotFoundException(`No plan with id ${planId}.`);
    assertVisible(principal, municipality, `No plan with id ${planId}.`);
    return listPlanVersions(this.dataSource.manager, planId);
  }
}
