import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { planProblemsOf } from './plan-problems';
import { PlanProblem, planValidated } from './plans.schema';

export type PlanCheck = { ok: true; plan: { id: string; name: string; goals: number } } | { ok: false; problems: PlanProblem[] };

/** Checks a plan file with the goals service (`POST /v1/plans/validate`), storing nothing. */
@Injectable()
export class CheckPlan {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, yaml: string): Promise<PlanCheck> {
    try {
      const response = await this.services
        .forUser(viewer)
        .call('goals', 'POST', '/v1/plans/validate', { raw: { text: yaml, contentType: 'application/yaml' } });
      const { plan } = planValidated.parse(JSON.parse(response.text));
      return { ok: true, plan };
    } catch (error) {
      return { ok: false, problems: planProblemsOf(error, yaml) };
    }
  }
}
