import { EntityManager } from 'typeorm';
import { GoalEvaluated, GoalTransition } from '@pejling/contracts';
import { periodEndMonth, periodKind } from '@pejling/domain-kernel';
import type { GoalRow } from '../goals/goal-row';
import { indicatorLabels } from './goal-evaluator';

/**
 * The transition payload: the evaluation plus everything notifications needs without calling
 * back (event-carried state): the owners' ids (their contacts travel on the internal owners topic,
 * never on this public one), the plan and focus area, the goal's text as printed, the indicator's
 * labels and its last 12 readings.
 */
export async function transitionPayload(
  manager: EntityManager,
  goal: GoalRow,
  evaluated: GoalEvaluated,
  transition: GoalTransition['transition'],
  historical: boolean,
): Promise<GoalTransition> {
  const [context] = await manager.query(
    `SELECT g.plan_id, p.title AS plan_title, g.plan_goal_id, g.text, g.focus_area,
            (SELECT area->>'title' FROM plan_versions v, jsonb_array_elements(v.document->'focusAreas') AS area
              WHERE v.plan_id = p.id AND v.version = p.current_version AND area->>'id' = g.focus_area LIMIT 1) AS focus_title
       FROM goals g LEFT JOIN plans p ON p.id = g.plan_id WHERE g.id = $1`,
    [goal.id],
  );
  const labels = await indicatorLabels(manager, goal);
  return {
    ...evaluated,
    transition,
    severity: goal.severity,
    ownerIds: await goalOwnerIds(manager, goal),
    plan: context?.plan_id ? { id: context.plan_id, name: context.plan_title } : null,
    focusArea: context?.focus_area ? { id: context.focus_area, title: context.focus_title ?? context.focus_area } : null,
    planGoalId: context?.plan_goal_id ?? null,
    goalText: context?.text ?? null,
    // goal transitions v3 know percent and count: a change in percentage points is printed as a plain number.
    indicator: { labelDa: labels.indicatorDa, labelEn: labels.indicatorEn, unit: labels.unit === 'pp' ? 'count' : labels.unit },
    trend: await trendUpTo(manager, goal, evaluated.period),
    historical,
  };
}

/** Every owner of the goal in the plan's order; a goal from before owners were listed has its primary owner. */
async function goalOwnerIds(manager: EntityManager, goal: GoalRow): Promise<string[]> {
  const rows: { owner_id: string }[] = await manager.query(
    `SELECT go.owner_id FROM goal_owners go JOIN owners o ON o.id = go.owner_id WHERE go.goal_id = $1 ORDER BY go.position, o.name`,
    [goal.id],
  );
  if (rows.length > 0) return rows.map((row) => row.owner_id);
  const [primary]: { owner_id: string | null }[] = await manager.query(`SELECT owner_id FROM goals WHERE id = $1`, [goal.id]);
  return primary?.owner_id ? [primary.owner_id] : [];
}

/** The indicator's readings of the same period kind up to and including `period`, oldest first (at most 12). */
async function trendUpTo(manager: EntityManager, goal: GoalRow, period: string): Promise<{ period: string; value: number }[]> {
  const rows: { period: string; value: number }[] = await manager.query(
    `SELECT period, value FROM indicator_values WHERE indicator_id = $1 AND municipality = $2 AND period_end <= $3
      ORDER BY period_end DESC, period DESC LIMIT 48`,
    [goal.indicator_id, goal.municipality, periodEndMonth(period)],
  );
  const kind = periodKind(period);
  return rows
    .filter((row) => periodKind(row.period) === kind && row.period <= period)
    .slice(0, 12)
    .reverse()
    .map((row) => ({ period: row.period, value: Number(row.value) }));
}
