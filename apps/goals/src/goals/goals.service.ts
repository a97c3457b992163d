import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findIndicator, monthOf } from '@pejling/domain';
import { assertInScope, assertVisible, Principal, scopeFilter, Transactions } from '@pejling/platform';
import { evaluateAgainstLatest } from '../evaluation/evaluate-latest';
import { AlertPolicyProvider } from '../evaluation/alert-policy';
import { GoalRow } from '../evaluation/goal-evaluator';
import { ensureOwner, setGoalOwners } from '../owners/owners.repository';
import { ownerContactsEvents } from '../owners/owner-contacts-events';
import { goalOwnerForPrincipal } from '../owners/owner-masking';
import { recordGoalVersion } from './goal-versions';
import { GoalInput, GoalPatch } from './goal.schema';

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

@Injectable()
export class GoalsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
    private readonly policy: AlertPolicyProvider,
  ) {}

  /** Creates a goal and evaluates it at once against the latest known indicator value. */
  async create(input: GoalInput, author: string, principal: Principal) {
    assertInScope(principal, input.municipality, 'goals');
    const id = await this.transactions.run(async (unit) => {
      const owner = await ensureOwner(unit.manager, input.owner);
      unit.publish(...(await ownerContactsEvents(unit.manager, [owner.id])));
      const [goal]: GoalRow[] = await unit.manager.query(
        `INSERT INTO goals (name, municipality, indicator_id, rule, direction, severity, hysteresis, "precision", horizon, applicability,
                            owner_name, owner_email, owner_webhook_url, evaluation_period, owner_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
        [
          input.name, input.municipality, input.indicator, input.rule, input.direction, input.severity, input.hysteresis, input.precision ?? null,
          input.horizon ?? null, input.applicability ?? null, input.owner.name, owner.email, owner.webhook_url,
          input.evaluationPeriod, owner.id,
        ],
      );
      await setGoalOwners(unit.manager, goal.id, [owner.id]);
      await recordGoalVersion(unit.manager, goal, '2000-01', author);
      unit.publish(...(await evaluateAgainstLatest(unit.manager, goal, this.policy.now())));
      return goal.id;
    });
    return this.get(id, principal);
  }

  /** A changed rule applies from `effectiveFrom` (default: the current month); earlier periods keep the old one. */
  async update(id: string, patch: GoalPatch, author: string, principal: Principal) {
    const current = await this.find(id);
    assertInScope(principal, current.municipality, 'goals');
    if (patch.municipality) assertInScope(principal, patch.municipality, 'goals');
    await this.transactions.run(async (unit) => {
      const owner = patch.owner ? await ensureOwner(unit.manager, patch.owner) : undefined;
      if (owner) unit.publish(...(await ownerContactsEvents(unit.manager, [owner.id])));
      const [goal]: GoalRow[] = await unit.manager.query(
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
      if (!goal) throw new NotFoundException(`No goal with id ${id}.`);
      if (owner) await setGoalOwners(unit.manager, goal.id, [owner.id]);
      await recordGoalVersion(unit.manager, goal, patch.effectiveFrom ?? monthOf(new Date()), author);
      // A changed target or indicator is judged again at once against the latest value.
      unit.publish(...(await evaluateAgainstLatest(unit.manager, goal, this.policy.now())));
    });
    return this.get(id, principal);
  }

  /** Soft delete: the goal's evaluations stay as history. */
  async remove(id: string, principal: Principal): Promise<void> {
    const goal = await this.find(id);
    assertInScope(principal, goal.municipality, 'goals');
    await this.dataSource.query(`UPDATE goals SET deleted_at = now() WHERE id = $1`, [id]);
  }

  async list(filter: { municipality?: string; state?: string }, principal: Principal) {
    const goals = await this.dataSource.query(
      `${GOAL_VIEW} AND ($1::text IS NULL OR g.municipality = $1) AND ($2::text IS NULL OR COALESCE(s.state, 'no_data') = $2)
         AND ($3::text[] IS NULL OR g.municipality = ANY($3)) ORDER BY g.created_at`,
      [filter.municipality ?? null, filter.state ?? null, scopeFilter(principal)],
    );
    return goals.map((goal: GoalViewRow) => goalOwnerForPrincipal(withExplanation(goal), principal));
  }

  /** A goal out of the principal's scope is answered as unknown (404). */
  async get(id: string, principal: Principal) {
    const goal = await this.find(id);
    assertVisible(principal, goal.municipality, `No goal with id ${id}.`);
    return goalOwnerForPrincipal(withExplanation(goal as GoalViewRow), principal);
  }

  private async find(id: string) {
    if (!isUuid(id)) throw new NotFoundException(`No goal with id ${id}.`);
    const [goal] = await this.dataSource.query(`${GOAL_VIEW} AND g.id = $1`, [id]);
    if (!goal) throw new NotFoundException(`No goal with id ${id}.`);
    return goal;
  }

  /**
   * Every evaluation of a goal, newest first, with the inputs behind it: `current` marks the one
   * judgement per period that stands; a re-judgement supersedes the earlier ones (kept for the
   * audit), and the staleness check's evaluations are of their own kind.
   */
  async evaluations(id: string, principal: Principal) {
    await this.get(id, principal);
    return this.dataSource.query(
        `SELECT id, period, value, rule, gap, measured, required, state, raw_state AS "rawState", previous_state AS "previousState",
                transition, reason, benchmarks, projection, explanation, inputs, kind,
                (kind = 'judgement' AND superseded_at IS NULL) AS current, superseded_at AS "supersededAt",
                cause_event_id AS "causeEventId", evaluated_at AS "evaluatedAt"
           FROM evaluations WHERE goal_id = $1 ORDER BY evaluated_at DESC, period DESC LIMIT 500`,
        [id],
    );
  }
}


type GoalViewRow = { explanation: unknown; indicator: string; owner: { email: string | null; webhookUrl: string | null } | null };

/** A goal never evaluated still says why it has no state. */
function withExplanation<G extends GoalViewRow>(goal: G): G {
  if (goal.explanation) return goal;
  const indicator = findIndicator(goal.indicator);
  return {
    ...goal,
    explanation: {
      da: `Der er endnu ingen tal for ${indicator?.labelDa ?? goal.indicator}; målet vurderes, når tallene kommer.`,
      en: `There are no figures for ${indicator?.labelEn ?? goal.indicator} yet; the goal is judged when they arrive.`,
    },
  };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
