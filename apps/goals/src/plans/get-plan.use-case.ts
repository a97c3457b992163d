import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertVisible, Principal } from '@pejling/platform';
import { planDocumentForPrincipal } from '../owners/owner-masking';
import { listPlanVersions } from './plan-versions.repository';
import { findPlanVersion } from './plans.repository';

/** The current (or a given) version of a plan with its version history; a plan out of the principal's scope is answered as unknown (404). */
@Injectable()
export class GetPlan {
  constructor(private readonly dataSource: DataSource) {}

  async run(id: string, principal: Principal, version?: number) {
    const found = await findPlanVersion(this.dataSource.manager, id, version);
    if (found) assertVisible(principal, found.municipality, `No plan with id ${id}.`);
    if (!found) throw new NotFoundException(version ? `Plan ${id} has no version ${version}.` : `No plan with id ${id}.`);
    const { municipality: _inScope, ...plan } = found;
    const versions = await listPlanVersions(this.dataSource.manager, id);
    return { ...plan, document: planDocumentForPrincipal(plan.document, principal), versions };
  }
}
