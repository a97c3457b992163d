import { Injectable, NotFoundException } from '@nestjs/common';
import { assertVisible, Principal } from '@pejling/platform';
import { planDocumentForPrincipal } from '../owners/owner-masking';
import { PlanVersionsRepository } from './plan-versions.repository';
import { PlansRepository } from './plans.repository';

/** The current (or a given) version of a plan with its version history; a plan out of the principal's scope is answered as unknown (404). */
@Injectable()
export class GetPlan {
  constructor(
    private readonly plans: PlansRepository,
    private readonly versions: PlanVersionsRepository,
  ) {}

  async run(id: string, principal: Principal, version?: number) {
    const found = await this.plans.findPlanVersion(id, version);
    if (found) assertVisible(principal, found.municipality, `No plan with id ${id}.`);
    if (!found) throw new NotFoundException(version ? `Plan ${id} has no version ${version}.` : `No plan with id ${id}.`);
    const { municipality: _inScope, ...plan } = found;
    const versions = await this.versions.listPlanVersions(id);
    return { ...plan, document: planDocumentForPrincipal(plan.document, principal), versions };
  }
}
