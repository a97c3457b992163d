import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findIndicator, monthOf } from '@pejling/domain';
import { assertInScope, assertVisible, Principal, scopeFilter, Transactions } from '@pejling/platform';
import { evaluateAgainstLatest } from '../evaluation/evaluate-latest';
import { AlertPolicyProvider } from '../evaluation/alert-policy';
import { ensureOwner, setGoalOwners } from '../owners/owners.repository';
import { ownerContactsEvents } from '../owners/owner-contacts-events';
import { goalOwnerForPrincipal } from '../owners/owner-masking';
import { recordGoalVersion } from './goal-versions';
import { GoalInput, GoalPatch } from './goal.schema';
import { findGoalView, GoalView, insertGoal, listEvaluations, listGoalViews, softDeleteGoal, updateGoal } from './goals.repository';

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
      const goal = await insertGoal(unit.manager, input, owner);
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
      const goal = await updateGoal(unit.manager, id, patch, owner);
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
    await softDeleteGoal(this.dataSource.manager, id);
  }

  async list(filter: { municipality?: string; state?: string }, principal: Principal) {
    const goals = await listGoalViews(this.dataSource.manager, filter, scopeFilter(principal));
    return goals.map((goal) => goalOwnerForPrincipal(withExplanation(goal), principal));
  }

  /** A goal out of the principal's scope is answered as unknown (404). */
  async get(id: string, principal: Principal) {
    const goal = await this.find(id);
    assertVisible(principal, goal.municipality, `No goal with id ${id}.`);
    return goalOwnerForPrincipal(withExplanation(goal), principal);
  }

  private async find(id: string): Promise<GoalView> {
    if (!isUuid(id)) throw new NotFoundException(`No goal with id ${id}.`);
    const goal = await findGoalView(this.dataSource.manager, id);
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
    return listEvaluations(this.dataSource.manager, id);
  }
}


/** A goal never evaluated still says why it has no state. */
function withExplanation<G extends GoalView>(goal: G): G {
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
