import { GoalEvaluated, GoalTransition } from '@pejling/contracts';
import { periodEndMonth, periodKind } from '@pejling/domain-kernel';
import { UnitOfWork } from '@pejling/platform';
import type { GoalRow } from './goal-row';
import { goalOwnerIds, goalPlanContext } from './goal-context.repository';
import { indicatorLabels } from './indicator-labels';
import { readingsUpTo } from './readings.repository';

/**
 * The transition payload: the evaluation plus everything notifications needs without calling
 * back (event-carried state): the owners' ids (their contacts travel on the internal owners topic,
 * never on this public one), the plan and focus area, the goal's text as printed, the indicator's
 * labels and its last 12 readings.
 */
export async function transitionPayload(
  unit: UnitOfWork,
  goal: GoalRow,
  evaluated: GoalEvaluated,
  transition: GoalTransition['transition'],
  historical: boolean,
): Promise<GoalTransition> {
  const context = await goalPlanContext(unit.manager, goal.id);
  const labels = await indicatorLabels(unit, goal);
  return {
    ...evaluated,
    transition,
    severity: goal.severity,
    ownerIds: await goalOwnerIds(unit.manager, goal.id),
    plan: context?.plan_id ? { id: context.plan_id, name: context.plan_title as string } : null,
    focusArea: context?.focus_area ? { id: context.focus_area, title: context.focus_title ?? context.focus_area } : null,
    planGoalId: context?.plan_goal_id ?? null,
    goalText: context?.text ?? null,
    // goal transitions v3 know percent and count: a change in percentage points is printed as a plain number.
    indicator: { labelDa: labels.indicatorDa, labelEn: labels.indicatorEn, unit: labels.unit === 'pp' ? 'count' : labels.unit },
    trend: await trendUpTo(unit, goal, evaluated.period),
    historical,
  };
}

/** The indicator's readings of the same period kind up to and including `period`, oldest first (at most 12). */
async function trendUpTo({ manager }: UnitOfWork, goal: GoalRow, period: string): Promise<{ period: string; value: number }[]> {
  const rows = await readingsUpTo(manager, goal.indicator_id, goal.municipality, periodEndMonth(period));
  const kind = periodKind(period);
  return rows
    .filter((row) => periodKind(row.period) === kind && row.period <= period)
    .slice(0, 12)
    .reverse();
}
