import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { Plan, PlanGoal } from '@pejling/domain-goals';
import { GoalRow, parseGoalRow } from '../evaluation/goal-row';
import { OwnerRow } from '../owners/owners.repository';
import { GoalInput, GoalPatch } from './goal.schema';
import { named } from '../persistence/named-parameters';

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

/**
 * Goals (live and soft-deleted) and the API's view of them. Every method takes the transaction's
 * manager when it runs in one; without it, it reads on its own connection.
 */
@Injectable()
export class GoalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findView(id: string, manager: EntityManager = this.dataSource.manager): Promise<GoalView | undefined> {
    const [goal] = await manager.query(`${GOAL_VIEW} AND g.id = $1`, [id]);
    return goal;
  }

  /** Live goals, oldest first, by municipality and state (absent: any) within `municipalities` (`null`: all). */
  async listViews(
    filter: { municipality?: string; state?: string },
    municipalities: string[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<GoalView[]> {
    return manager.query(
      `${GOAL_VIEW} AND ($1::text IS NULL OR g.municipality = $1) AND ($2::text IS NULL OR COALESCE(s.state, 'no_data') = $2)
         AND ($3::text[] IS NULL OR g.municipality = ANY($3)) ORDER BY g.created_at`,
      [filter.municipality ?? null, filter.state ?? null, municipalities],
    );
  }

  async insert(input: GoalInput, owner: OwnerRow, manager: EntityManager = this.dataSource.manager): Promise<GoalRow> {
    const [sql, parameters] = named(
      `INSERT INTO goals (name, municipality, indicator_id, rule, direction, severity, hysteresis, "precision", horizon, applicability,
                          owner_name, owner_email, owner_webhook_url, evaluation_period, owner_id)
       VALUES (:name, :municipality, :indicatorId, :rule, :direction, :severity, :hysteresis, :precision, :horizon, :applicability,
               :ownerName, :ownerEmail, :ownerWebhookUrl, :evaluationPeriod, :ownerId) RETURNING *`,
      {
        name: input.name,
        municipality: input.municipality,
        indicatorId: input.indicator,
        rule: input.rule,
        direction: input.direction,
        severity: input.severity,
        hysteresis: input.hysteresis,
        precision: input.precision ?? null,
        horizon: input.horizon ?? null,
        applicability: input.applicability ?? null,
        ownerName: input.owner.name,
        ownerEmail: owner.email,
        ownerWebhookUrl: owner.webhook_url,
        evaluationPeriod: input.evaluationPeriod,
        ownerId: owner.id,
      },
    );
    const [goal] = await manager.query(sql, parameters);
    return parseGoalRow(goal);
  }

  /** Applies the patch to a live goal (a new owner replaces the owner's contacts); undefined when there is none. */
  async update(
    id: string,
    patch: GoalPatch,
    owner: OwnerRow | undefined,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<GoalRow | undefined> {
    const [sql, parameters] = named(
      `WITH changed AS (UPDATE goals SET
         name = COALESCE(:name, name), municipality = COALESCE(:municipality, municipality), indicator_id = COALESCE(:indicatorId, indicator_id),
         rule = COALESCE(:rule::jsonb, rule), direction = COALESCE(:direction, direction), severity = COALESCE(:severity, severity),
         hysteresis = COALESCE(:hysteresis, hysteresis), evaluation_period = COALESCE(:evaluationPeriod, evaluation_period),
         owner_name = COALESCE(:ownerName, owner_name), owner_id = COALESCE(:ownerId, owner_id),
         owner_email = CASE WHEN :newOwner THEN :ownerEmail ELSE owner_email END,
         owner_webhook_url = CASE WHEN :newOwner THEN :ownerWebhookUrl ELSE owner_webhook_url END,
         updated_at = now()
       WHERE id = :id AND deleted_at IS NULL RETURNING *) SELECT * FROM changed`,
      {
        id,
        name: patch.name,
        municipality: patch.municipality,
        indicatorId: patch.indicator,
        rule: patch.rule ? JSON.stringify(patch.rule) : null,
        direction: patch.direction,
        ownerName: patch.owner?.name,
        ownerEmail: owner?.email ?? null,
        ownerWebhookUrl: owner?.webhook_url ?? null,
        newOwner: !!owner,
        severity: patch.severity,
        hysteresis: patch.hysteresis,
        evaluationPeriod: patch.evaluationPeriod,
        ownerId: owner?.id ?? null,
      },
    );
    const [goal] = await manager.query(sql, parameters);
    return goal ? parseGoalRow(goal) : undefined;
  }

  /** Soft delete: the goal's evaluations stay as history. */
  async softDelete(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE goals SET deleted_at = now() WHERE id = $1`, [id]);
  }

  /** The goal's evaluations, newest first (at most 500); `current` marks the judgement that stands for its period. */
  async listEvaluations(goalId: string, manager: EntityManager = this.dataSource.manager): Promise<Record<string, unknown>[]> {
    return manager.query(
      `SELECT id, period, value, rule, gap, measured, required, state, raw_state AS "rawState", previous_state AS "previousState",
              transition, reason, benchmarks, projection, explanation, inputs, kind,
              (kind = 'judgement' AND superseded_at IS NULL) AS current, superseded_at AS "supersededAt",
              cause_event_id AS "causeEventId", evaluated_at AS "evaluatedAt"
         FROM evaluations WHERE goal_id = $1 ORDER BY evaluated_at DESC, period DESC LIMIT 500`,
      [goalId],
    );
  }

  async countLivePlanGoals(planId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM goals WHERE plan_id = $1 AND deleted_at IS NULL`, [planId]);
    return row.n;
  }

  /** Soft-deletes the plan's live goals a new version no longer has; returns how many. */
  async removePlanGoalsOtherThan(
    planId: string,
    planGoalIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const removed = await manager.query(
      `WITH gone AS (UPDATE goals SET deleted_at = now() WHERE plan_id = $1 AND deleted_at IS NULL AND NOT (plan_goal_id = ANY($2::text[])) RETURNING id) SELECT * FROM gone`,
      [planId, planGoalIds],
    );
    return removed.length;
  }

  /** Creates or changes (and revives) the goal of a plan's goal; `inserted` says which. */
  async upsertPlanGoal(
    plan: Plan,
    goal: PlanGoal & { focusArea: string },
    owner: OwnerRow,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ goal: GoalRow; inserted: boolean }> {
    const [sql, parameters] = named(
      `INSERT INTO goals (plan_id, plan_goal_id, focus_area, text, name, municipality, indicator_id, rule, direction, severity, hysteresis,
                          "precision", horizon, applicability, owner_name, owner_email, owner_webhook_url, evaluation_period, owner_id)
       VALUES (:planId, :planGoalId, :focusArea, :text, :name, :municipality, :indicatorId, :rule, :direction, :severity, :hysteresis,
               :precision, :horizon, :applicability, :ownerName, :ownerEmail, :ownerWebhookUrl, :evaluationPeriod, :ownerId)
       ON CONFLICT (plan_id, plan_goal_id) WHERE plan_id IS NOT NULL DO UPDATE SET
         focus_area = EXCLUDED.focus_area, text = EXCLUDED.text, name = EXCLUDED.name, municipality = EXCLUDED.municipality,
         indicator_id = EXCLUDED.indicator_id, rule = EXCLUDED.rule, direction = EXCLUDED.direction, severity = EXCLUDED.severity,
         hysteresis = EXCLUDED.hysteresis, "precision" = EXCLUDED."precision", horizon = EXCLUDED.horizon, applicability = EXCLUDED.applicability,
         owner_name = EXCLUDED.owner_name, owner_email = EXCLUDED.owner_email, owner_webhook_url = EXCLUDED.owner_webhook_url,
         evaluation_period = EXCLUDED.evaluation_period, owner_id = EXCLUDED.owner_id,
         deleted_at = NULL, updated_at = now()
       RETURNING *, (xmax = 0) AS inserted`,
      {
        planId: plan.id,
        planGoalId: goal.id,
        focusArea: goal.focusArea,
        text: goal.text,
        name: `${goal.id}: ${goal.text}`.slice(0, 300),
        municipality: plan.municipality,
        indicatorId: goal.indicator,
        rule: goal.rule,
        direction: goal.direction,
        severity: goal.severity,
        hysteresis: goal.hysteresis ?? 1,
        precision: goal.precision ?? null,
        horizon: goal.horizon ?? null,
        applicability: goal.applicability ?? null,
        ownerName: goal.owners[0].name,
        ownerEmail: owner.email,
        ownerWebhookUrl: owner.webhook_url,
        evaluationPeriod: goal.evaluationPeriod,
        ownerId: owner.id,
      },
    );
    const [row] = await manager.query(sql, parameters);
    const { inserted, ...goalRow } = row;
    return { goal: parseGoalRow(goalRow), inserted: z.boolean().parse(inserted) };
  }
}
