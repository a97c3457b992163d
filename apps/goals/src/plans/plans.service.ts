import { Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent } from '@pejling/contracts';
import { clusterChanges, monthOf, Plan, PlanGoal, planGoals, planSchema } from '@pejling/domain';
import { assertInScope, assertVisible, Principal, scopeFilter, Transactions, UnitOfWork } from '@pejling/platform';
import { evaluateAgainstLatest } from '../evaluation/evaluate-latest';
import { GoalRow } from '../evaluation/goal-evaluator';
import { canonical, recordGoalVersion } from '../goals/goal-versions';
import { ensureOwner, setGoalOwners } from '../owners/owners.repository';
import { planDocumentForPrincipal } from '../owners/owner-masking';
import { ownerContactsEvents } from '../owners/owner-contacts-events';
import { AlertPolicyProvider } from '../evaluation/alert-policy';

export interface PlanPutResult {
  id: string;
  version: number;
  changed: boolean;
  effectiveFrom: string;
  goals: { created: number; changed: number; removed: number; unchanged: number };
}

/**
 * Imports a plan file. The same document again changes nothing (idempotent PUT); a different one
 * is a new plan version with its author and effective month. Its goals are created, changed (a new
 * goal version in force from the effective month) or removed (soft-deleted, history kept).
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
    private readonly policy: AlertPolicyProvider,
  ) {}

  async put(plan: Plan, author: string, principal: Principal, effectiveFrom?: string): Promise<PlanPutResult> {
    assertInScope(principal, plan.municipality, 'plans');
    const digest = createHash('sha256').update(canonical(plan)).digest('hex');
    return this.transactions.run(async (unit) => {
      const [existing] = await unit.manager.query(
        `SELECT p.current_version AS version, p.municipality, v.digest, v.effective_from, v.document FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
          WHERE p.id = $1 FOR UPDATE OF p`,
        [plan.id],
      );
      // Moving a plan to another municipality needs both in scope.
      if (existing) assertInScope(principal, existing.municipality, 'plans');
      if (existing && existing.digest === digest) {
        const goals = await unit.manager.query(`SELECT count(*)::int AS n FROM goals WHERE plan_id = $1 AND deleted_at IS NULL`, [plan.id]);
        return { id: plan.id, version: existing.version, changed: false, effectiveFrom: existing.effective_from, goals: { created: 0, changed: 0, removed: 0, unchanged: goals[0].n } };
      }
      const version = (existing?.version ?? 0) + 1;
      const from = effectiveFrom ?? (existing ? monthOf(new Date()) : `${Math.min(...plan.years)}-01`);
      await unit.manager.query(
        `INSERT INTO plans (id, municipality, title, current_version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET municipality = EXCLUDED.municipality, title = EXCLUDED.title, current_version = EXCLUDED.current_version, updated_at = now()`,
        [plan.id, plan.municipality, plan.title, version],
      );
      await unit.manager.query(`INSERT INTO plan_versions (plan_id, version, document, digest, author, effective_from) VALUES ($1, $2, $3, $4, $5, $6)`, [
        plan.id,
        version,
        plan,
        digest,
        author,
        from,
      ]);
      const goals = await this.syncGoals(unit, plan, from, author);
      publishClusters(unit, existing ? planSchema.parse(existing.document) : null, plan, version, from);
      return { id: plan.id, version, changed: true, effectiveFrom: from, goals };
    });
  }

  list(principal: Principal) {
    return this.dataSource.query(
      `SELECT p.id, p.municipality, p.title, p.current_version AS "currentVersion", p.updated_at AS "updatedAt",
              (SELECT count(*)::int FROM goals g WHERE g.plan_id = p.id AND g.deleted_at IS NULL) AS goals
         FROM plans p WHERE ($1::text[] IS NULL OR p.municipality = ANY($1)) ORDER BY p.id`,
      [scopeFilter(principal)],
    );
  }

  /** A plan out of the principal's scope is answered as unknown (404). */
  async get(id: string, principal: Principal, version?: number) {
    const [plan] = await this.dataSource.query(
      `SELECT v.document, v.version, v.author, v.effective_from AS "effectiveFrom", v.created_at AS "createdAt", p.municipality
         FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = COALESCE($2, p.current_version) WHERE p.id = $1`,
      [id, version ?? null],
    );
    if (plan) assertVisible(principal, plan.municipality, `No plan with id ${id}.`);
    if (!plan) throw new NotFoundException(version ? `Plan ${id} has no version ${version}.` : `No plan with id ${id}.`);
    delete plan.municipality;
    const versions = await this.dataSource.query(
      `SELECT version, author, effective_from AS "effectiveFrom", created_at AS "createdAt" FROM plan_versions WHERE plan_id = $1 ORDER BY version`,
      [id],
    );
    return { ...plan, document: planDocumentForPrincipal(plan.document, principal), versions };
  }

  private async syncGoals(unit: UnitOfWork, plan: Plan, effectiveFrom: string, author: string) {
    const counts = { created: 0, changed: 0, removed: 0, unchanged: 0 };
    const wanted = planGoals(plan);
    const removed = await unit.manager.query(
      `WITH gone AS (UPDATE goals SET deleted_at = now() WHERE plan_id = $1 AND deleted_at IS NULL AND NOT (plan_goal_id = ANY($2::text[])) RETURNING id) SELECT * FROM gone`,
      [plan.id, wanted.map((goal) => goal.id)],
    );
    counts.removed = removed.length;
    for (const goal of wanted) {
      const row = await upsertGoal(unit.manager, plan, goal);
      // The owners' contacts first: notifications resolves the transitions below by owner id.
      unit.publish(...(await ownerContactsEvents(unit.manager, row.ownerIds)));
      const isNew = row.inserted;
      const versioned = await recordGoalVersion(unit.manager, row.goal, effectiveFrom, author);
      if (isNew) counts.created += 1;
      else if (versioned) counts.changed += 1;
      else counts.unchanged += 1;
      if (isNew || versioned) unit.publish(...(await evaluateAgainstLatest(unit.manager, row.goal, this.policy.now())));
    }
    return counts;
  }
}

/**
 * The plan is the source of truth for its municipality's clusters: a version whose clusters differ
 * from the previous one's declares them (and the removed ones) to indicators, in the version's transaction.
 */
function publishClusters(unit: UnitOfWork, previous: Plan | null, plan: Plan, version: number, effectiveFrom: string): void {
  const declared = clusterChanges(previous, plan, effectiveFrom);
  if (!declared) return;
  const payload = { planId: plan.id, planVersion: version, municipality: plan.municipality, effectiveFrom, ...declared };
  unit.publish(createEvent('plan.clusters-declared', payload, { source: 'pejling/goals', municipality: plan.municipality }));
}

async function upsertGoal(manager: EntityManager, plan: Plan, goal: PlanGoal & { focusArea: string }): Promise<{ goal: GoalRow; inserted: boolean; ownerIds: string[] }> {
  const owners = [];
  for (const named of goal.owners) owners.push(await ensureOwner(manager, named));
  const owner = owners[0];
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
  const ownerIds = [...new Set(owners.map((o) => o.id))];
  await setGoalOwners(manager, goalRow.id, ownerIds);
  return { goal: goalRow as GoalRow, inserted, ownerIds };
}
