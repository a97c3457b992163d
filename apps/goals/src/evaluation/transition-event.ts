import { EntityManager } from 'typeorm';
import { AlertOwner, GoalEvaluated, GoalTransition } from '@pejling/contracts';
import { periodEndMonth, periodKind } from '@pejling/domain';
import type { GoalRow } from './goal-evaluator';
import { indicatorLabels } from './goal-evaluator';

interface OwnerContactRow {
  id: string | null;
  name: string;
  email: string | null;
  webhook_url: string | null;
  teams_webhook_url: string | null;
  slack_webhook_url: string | null;
  language: 'da' | 'en';
  time_zone: string;
}

/**
 * The transition payload: the evaluation plus everything notifications needs without calling
 * back (event-carried state): every owner with their channels, the plan and focus area, the goal's
 * text as printed, the indicator's labels and its last 12 readings.
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
    owners: await goalOwners(manager, goal),
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

/** Every owner of the goal in the plan's order, with the channels they can be reached on. */
async function goalOwners(manager: EntityManager, goal: GoalRow): Promise<AlertOwner[]> {
  let rows: OwnerContactRow[] = await manager.query(
    `SELECT o.id, o.name, o.email, o.webhook_url, o.teams_webhook_url, o.slack_webhook_url, o.language, o.time_zone
       FROM goal_owners go JOIN owners o ON o.id = go.owner_id WHERE go.goal_id = $1 ORDER BY go.position, o.name`,
    [goal.id],
  );
  if (rows.length === 0 && goal.owner_name) {
    rows = [{ id: null, name: goal.owner_name, email: goal.owner_email, webhook_url: goal.owner_webhook_url, teams_webhook_url: null, slack_webhook_url: null, language: 'da', time_zone: 'Europe/Copenhagen' }];
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    channels: [
      ...(row.email ? [{ type: 'email' as const, target: row.email }] : []),
      ...(row.webhook_url ? [{ type: 'webhook' as const, target: row.webhook_url }] : []),
      ...(row.teams_webhook_url ? [{ type: 'teams' as const, target: row.teams_webhook_url }] : []),
      ...(row.slack_webhook_url ? [{ type: 'slack' as const, target: row.slack_webhook_url }] : []),
    ],
    language: row.language,
    timeZone: row.time_zone,
  }));
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
