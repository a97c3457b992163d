import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { CheckPlan } from './check-plan.use-case';
import { planProblemsOf } from './plan-problems';
import { PlanProblem, planSaved } from './plans.schema';

export type PlanSave = { ok: true; id: string; version: number; changed: boolean } | { ok: false; problems: PlanProblem[] };

/**
 * Saves a plan file as a new version (`PUT /v1/plans/:id`, the id taken from the file after it
 * validated), from an optional month, and records the change in the audit log.
 */
@Injectable()
export class SavePlan {
  constructor(
    private readonly services: ServicesClient,
    private readonly checkPlan: CheckPlan,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, yaml: string, effectiveFrom: string | undefined): Promise<PlanSave> {
    const check = await this.checkPlan.execute(viewer, yaml);
    if (!check.ok) return check;
    const query = effectiveFrom ? `?effectiveFrom=${encodeURIComponent(effectiveFrom)}` : '';
    try {
      const response = await this.services.forUser(viewer).call('goals', 'PUT', `/v1/plans/${encodeURIComponent(check.plan.id)}${query}`, {
        raw: { text: yaml, contentType: 'application/yaml' },
      });
      const saved = planSaved.parse(JSON.parse(response.text));
      if (saved.changed)
        await this.audit.record(
          viewer,
          'plan.saved',
          { type: 'plan', id: saved.id },
          { version: saved.version, effectiveFrom: effectiveFrom ?? null, title: check.plan.name },
        );
      return { ok: true, id: saved.id, version: saved.version, changed: saved.changed };
    } catch (error) {
      return { ok: false, problems: planProblemsOf(error, yaml) };
    }
  }
}
