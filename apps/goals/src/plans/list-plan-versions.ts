import { Injectable, NotFoundException } from '@nestjs/common';
import { assertVisible, Principal } from '@pejling/platform';
import { PlanVersionListing, PlanVersionsRepository } from './plan-versions.repository';

/** A plan's versions, oldest first; each version's document is `GET /v1/plans/:id?version=N`. */
@Injectable()
export class ListPlanVersions {
  constructor(private readonly versions: PlanVersionsRepository) {}

  async run(planId: string, principal: Principal): Promise<PlanVersionListing[]> {
    const municipality = await this.versions.findPlanMunicipality(planId);
    if (!municipality) throw new NotFoundException(`No plan with id ${planId}.`);
    assertVisible(principal, municipality, `No plan with id ${planId}.`);
    return this.versions.listPlanVersions(planId);
  }
}
