import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createEvent } from '@pejling/contracts';
import { clusterChanges, Plan, PlanGoal, planGoals, planSchema } from '@pejling/domain-goals';
import { monthOf } from '@pejling/domain-kernel';
import { assertInScope, Principal, Transactions, UnitOfWork } from '@pejling/platform';
import { evaluateAgainstLatest } from '../evaluation/evaluate-latest';
import { GoalRow } from '../evaluation/goal-row';
import { canonical } from '../evaluation/goal-version-spec';
import { recordGoalVersion } from '../goals/goal-versions';
import { GoalsRepository } from '../goals/goals.repository';
import { OwnersRepository } from '../owners/owners.repository';
import { ownerContactsEvents } from '../owners/owner-contacts-events';
import { AlertPolicyProvider } from '../evaluation/alert-policy';
import { PlansRepository } from './plans.repository';

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
export class PutPlan {
  constructor(
    private readonly transactions: Transactions,
    private readonly policy: AlertPolicyProvider,
    private readonly owners: OwnersRepository,
    private readonly goals: GoalsRepository,
    private readonly plans: PlansRepository,
  ) {}

  async run(plan: Plan, author: string, principal: Principal, effectiveFrom?: string): Promise<PlanPutResult> {
    assertInScope(principal, plan.municipality, 'plans');
    const digest = createHash('sha256').update(canonical(plan)).digest('hex');
    return this.transactions.run(async (unit) => {
      const existing = await this.plans.lockCurrentPlan(plan.id, unit.manager);
      // Moving a plan to another municipality needs both in scope.
      if (existing) assertInScope(principal, existing.municipality, 'plans');
      if (existing && existing.digest === digest) {
        const unchanged = await this.goals.countLivePlanGoals(plan.id, unit.manager);
        return {
          id: plan.id,
          version: existing.version,
          changed: false,
          effectiveFrom: existing.effectiveFrom,
          goals: { created: 0, changed: 0, removed: 0, unchanged },
        };
      }
      const version = (existing?.version ?? 0) + 1;
      const from = effectiveFrom ?? (existing ? monthOf(new Date()) : `${Math.min(...plan.years)}-01`);
      await this.plans.upsertPlan(plan, version, unit.manager);
      await this.plans.insertPlanVersion({ plan, version, digest, author, effectiveFrom: from }, unit.manager);
      const goals = await this.syncGoals(unit, plan, from, author);
      publishClusters(unit, existing ? planSchema.parse(existing.document) : null, plan, version, from);
      return { id: plan.id, version, changed: true, effectiveFrom: from, goals };
    });
  }

  private async syncGoals(unit: UnitOfWork, plan: Plan, effectiveFrom: string, author: string) {
    const counts = { created: 0, changed: 0, removed: 0, unchanged: 0 };
    const wanted = planGoals(plan);
    counts.removed = await this.goals.removePlanGoalsOtherThan(
      plan.id,
      wanted.map((goal) => goal.id),
      unit.manager,
    );
    for (const goal of wanted) {
      const row = await this.upsertGoal(unit, plan, goal);
      // The owners' contacts first: notifications resolves the transitions below by owner id.
      unit.publish(...ownerContactsEvents(await this.owners.contacts(row.ownerIds, unit.manager)));
      const isNew = row.inserted;
      const versioned = await recordGoalVersion(unit, row.goal, effectiveFrom, author);
      if (isNew) counts.created += 1;
      else if (versioned) counts.changed += 1;
      else counts.unchanged += 1;
      if (isNew || versioned) unit.publish(...(await evaluateAgainstLatest(unit, row.goal, this.policy.now())));
    }
    return counts;
  }

  /** The plan goal's owners (created as needed, in the plan's order) and its goal row. */
  private async upsertGoal(
    { manager }: UnitOfWork,
    plan: Plan,
    goal: PlanGoal & { focusArea: string },
  ): Promise<{ goal: GoalRow; inserted: boolean; ownerIds: string[] }> {
    const owners = [];
    for (const named of goal.owners) owners.push(await this.owners.ensure(named, manager));
    const { goal: goalRow, inserted } = await this.goals.upsertPlanGoal(plan, goal, owners[0], manager);
    const ownerIds = [...new Set(owners.map((o) => o.id))];
    await this.owners.setGoalOwners(goalRow.id, ownerIds, manager);
    return { goal: goalRow, inserted, ownerIds };
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
