import { EntityManager } from 'typeorm';
import { Plan, PlanGoal } from '@pejling/domain-goals';
import { GoalRow } from './goal-row';
import { OwnerRow } from '../owners/owners.repository';
import { GoalInput, GoalPatch } from './goal.schema';

/** A live goal as the API shows it, with its state, explanation and version count. */
const GOAL_VIEW = `
  SELECT g.id, g.name, g.municipality, g.indicator_id AS "indicator", g.rule, g.direction, g.severity, g.hysteresis,
         g.evaluation_period AS "evaluationPeriod",
         g.precision, g.horizon, g.applicability,
         json_build_object('id', g.owner_id, 'name', g.owner_name, 'email', g.owner_email, 'webhookUrl', g.owner_webhook_url) AS owner,
         COALESCE(s.state, 'no_data') AS state, s.period AS "statePeriod", s.changed_at AS "stateSince",
         e.explanation, g.plan_id AS "planId", g.plan_goal_id AS "planGoalId", g.focus_area AS "focusArea", g.text,
         (SELECT count(*)::int FROM goal_versions v WHERE v.goal_id = g.id) AS version,
         g.created_at AS "createdAt", g.updated_at AS "updatedAt"
    FROM goals g
    LEFT JOIN goal_states s ON s.goal_id = g.id
    LEFT JOIN evaluations e ON e.id = s.evaluation_id
   WHERE g.deleted_at IS NULL`;

/** The columns the service reads itself; the rest is answered as it is. */
export type GoalView = {
  id: string;
  municipality: string;
  indicator: string;
  explanation: unknown;
  owner: { email: string | null; webhookUrl: string | null } | null;
  [column: string]: unknown;
};

export async function findGoalView(manager: EntityManager, id: string): Promise<GoalView | undefined> {
  const [goal] = await manager.query(`${GOAL_VIEW} AND g.id = $1`, [id]);
  return goal;
}

/** Live goals, oldest first, by municipality and state (absent: any) within `municipalities` (`null`: all). */
export async function listGoalViews(manager: EntityManager, filter: { municipality?: string; state?: string }, municipalities: string[] | null): Promise<GoalView[]> {
  return manager.query(
    `${GOAL_VIEW} AND ($1::text IS NULL OR g.municipality = $1) AND ($2::text IS NULL OR COALESCE(s.state, 'no_data') = $2)
       AND ($3::text[] IS NULL OR g.municipality = ANY($3)) ORDER BY g.created_at`,
    [filter.municipality ?? null, filter.state ?? null, municipalities],
  );
}

export async function insertGoal(manager: EntityManager, input: GoalInput, owner: OwnerRow): Promise<GoalRow> {
  const [goal]: GoalRow[] = await manager.query(
    `INSERT INTO goals (name, municipality, indicator_id, rule, direction, severity, hysteresis, "precision", horizon, applicability,
                        owner_name, owner_email, owner_webhook_url, evaluation_period, owner_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
    [
      input.name, input.municipality, input.indicator, input.rule, input.direction, input.severity, input.hysteresis, input.precision ?? null,
      input.horizon ?? null, input.applicability ?? null, input.owner.name, owner.email, owner.webhook_url,
      input.evaluationPeriod, owner.id,
    ],
  );
  return goal;
}

/** Applies the patch to a live goal (a new owner replaces the owner's contacts); undefined when there is none. */
export async function updateGoal(manager: EntityManager, id: string, patch: GoalPatch, owner: OwnerRow | undefined): Promise<GoalRow | undefined> {
  const [goal]: GoalRow[] = await manager.query(
    `WITH changed AS (UPDATE goals SET
       name = COALESCE($2, name), municipality = COALESCE($3, municipality), indicator_id = COALESCE($4, indicator_id),
       rule = COALESCE($5::jsonb, rule), direction = COALESCE($6, direction), severity = COALESCE($11, severity),
       hysteresis = COALESCE($12, hysteresis), evaluation_period = COALESCE($13, evaluation_period),
       owner_name = COALESCE($7, owner_name), owner_id = COALESCE($14, owner_id),
       owner_email = CASE WHEN $10 THEN $8 ELSE owner_email END,
       owner_webhook_url = CASE WHEN $10 THEN $9 ELSE owner_webhook_url END,
       updated_at = now()
     WHERE id = $1 AND deleted_at IS NULL RETURNING *) SELECT * FROM changed`,
    [
      id, patch.name, patch.municipality, patch.indicator, patch.rule ? JSON.stringify(patch.rule) : null, patch.direction, patch.owner?.name,
      owner?.email ?? null, owner?.webhook_url ?? null, !!owner, patch.severity, patch.hysteresis, patch.evaluationPeriod, owner?.id ?? null,
    ],
  );
  return goal;
}

/** Soft delete: the goal's evaluations stay as history. */
export async function softDeleteGoal(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE goals SET deleted_at = now() WHERE id = $1`, [id]);
}

/** The goal's evaluations, newest first (at most 500); `current` marks the judgement that stands for its period. */
export async function listEvaluations(manager: EntityManager, goalId: string): Promise<Record<string, unknown>[]> {
  return manager.query(
    `SELECT id, period, value, rule, gap, measured, required, state, raw_state AS "rawState", previous_state AS "previousState",
            transition, reason, benchmarks, projection, explanation, inputs, kind,
            (kind = 'judgement' AND superseded_at IS NULL) AS current, superseded_at AS "supersededAt",
            cause_event_id AS "causeEventId", evaluated_at AS "evaluatedAt"
       FROM evaluations WHERE goal_id = $1 ORDER BY evaluated_at DESC, period DESC LIMIT 500`,
    [goalId],
  );
}

export async function countLivePlanGoals(manager: EntityManager, planId: string): Promise<number> {
  const [row] = await manager.query(`SELECT count(*)::int AS n FROM goals WHERE plan_id = $1 AND deleted_at IS NULL`, [planId]);
  return row.n;
}

/** Soft-deletes the plan's live goals a new version no longer has; returns how many. */
export async function removePlanGoalsOtherThan(manager: EntityManager, planId: string, planGoalIds: readonly string[]): Promise<number> {
  const removed = await manager.query(
    `WITH gone AS (UPDATE goals SET deleted_at = now() WHERE plan_id = $1 AND deleted_at IS NULL AND NOT (plan_goal_id = ANY($2::text[])) RETURNING id) SELECT * FROM gone`,
    [planId, planGoalIds],
  );
  return removed.length;
}

/** Creates or changes (and revives) the goal of a plan's goal; `inserted` says which. */
export async function upsertPlanGoal(manager: EntityManager, plan: Plan, goal: PlanGoal & { focusArea: string }, owner: OwnerRow): Promise<{ goal: GoalRow; inserted: boolean }> {
  const [row] = await manager.query(
    `INSERT INTO goals (plan_id, plan_goal_id, focus_area, text, name, municipality, indicator_id, rule, direction, severity, hysteresis,
                        "precision", horizon, applicability, owner_name, owner_email, owner_webhook_url, evaluation_period, owner_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (plan_id, plan_goal_id) WHERE plan_id IS NOT NULL DO UPDATE SET
       focus_area = EXCLUDED.focus_area, text = EXCLUDED.text, name = EXCLUDED.name, municipality = EXCLUDED.municipality,
       indicator_id = EXCLUDED.indicator_id, rule = EXCLUDED.rule, direction = EXCLUDED.direction, severity = EXCLUDED.severity,
       hysteresis = EXCLUDED.hysteresis, "precision" = EXCLUDED."precision", horizon = EXCLUDED.horizon, applicability = EXCLUDED.applicability,
       owner_name = EXCLUDED.owner_name, owner_email = EXCLUDED.owner_email, owner_webhook_url = EXCLUDED.owner_webhook_url,
       evaluation_period = EXCLUDED.evaluation_period, owner_id = EXCLUDED.owner_id,
       deleted_at = NULL, updated_at = now()
     RETURNING *, (xmax = 0) AS inserted`,
    [
      plan.id, goal.id, goal.focusArea, goal.text, `${goal.id}: ${goal.text}`.slice(0, 300), plan.municipality, goal.indicator, goal.rule,
      goal.direction, goal.severity, goal.hysteresis ?? 1, goal.precision ?? null, goal.horizon ?? null, goal.applicability ?? null,
      goal.owners[0].name, owner.email, owner.webhook_url, goal.evaluationPeriod, owner.id,
    ],
  );
  const { inserted, ...goalRow } = row;
  return { goal: goalRow as GoalRow, inserted };
}
