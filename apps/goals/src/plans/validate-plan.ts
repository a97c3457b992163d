import { Injectable } from '@nestjs/common';
import { validatePlan } from '@pejling/domain-goals';
import { inScope, Principal } from '@pejling/platform';
import { PlanTextProblem, readPlanText } from './plan-text';

export type PlanValidation = { ok: true; plan: { id: string; name: string; goals: number } } | { ok: false; errors: PlanTextProblem[] };

/**
 * Checks a plan file as PUT would (schema and cross-checks, and that its municipality is in the
 * caller's scope) without storing anything; each problem with the line and column it is on.
 */
@Injectable()
export class ValidatePlan {
  run(body: unknown, principal: Principal): PlanValidation {
    const text = readPlanText(body);
    if (!text.ok) return text;
    const at = (path: string) => text.locate(path) ?? { line: null, column: null };
    const result = validatePlan(text.document);
    if (!result.ok)
      return { ok: false, errors: result.errors.map((error) => ({ ...at(error.path), path: error.path, message: error.message })) };
    const { plan } = result;
    if (!inScope(principal, plan.municipality)) {
      return {
        ok: false,
        errors: [
          {
            ...at('municipality'),
            path: 'municipality',
            message: `municipality ${plan.municipality} is outside your scope (${principal.municipalities.join(', ')})`,
          },
        ],
      };
    }
    const goals = plan.focusAreas.reduce((total, area) => total + area.goals.length, 0);
    return { ok: true, plan: { id: plan.id, name: plan.title, goals } };
  }
}
