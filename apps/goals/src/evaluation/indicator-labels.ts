import { ExplanationLabels, explanationLabels } from '@pejling/domain-goals';
import { deriveIndicator, findIndicator, parseDerivedId } from '@pejling/domain-indicators';
import { UnitOfWork } from '@pejling/platform';
import { GoalRow } from './goal-row';
import { declaredIndicatorOf } from './goal-context.repository';

/**
 * Catalogue labels, or the labels and unit the goal's plan declares for its own indicators; a
 * derived id (`….change-12m`, `….mean-12m`) of a declared indicator is labelled from its base.
 */
export async function indicatorLabels({ manager }: UnitOfWork, goal: GoalRow): Promise<ExplanationLabels> {
  const catalogued = findIndicator(goal.indicator_id);
  if (catalogued) return explanationLabels(catalogued);
  const derived = parseDerivedId(goal.indicator_id);
  const plan = await declaredIndicatorOf(manager, goal.id, derived?.base ?? goal.indicator_id);
  if (plan && derived)
    return explanationLabels(
      deriveIndicator(
        {
          id: derived.base,
          labelDa: plan.labelDa,
          labelEn: plan.labelEn,
          unit: plan.unit === 'percent' ? 'percent' : 'count',
          share: false,
        },
        derived.derivation,
      ),
    );
  return {
    indicatorDa: plan?.labelDa ?? goal.indicator_id,
    indicatorEn: plan?.labelEn ?? goal.indicator_id,
    unit: plan && plan.unit !== 'percent' ? 'count' : 'percent',
    subject: 'measure',
  };
}
