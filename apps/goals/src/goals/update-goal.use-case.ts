import { Injectable, NotFoundException } from '@nestjs/common';
import { monthOf } from '@pejling/domain-kernel';
import { assertInScope, Principal, Transactions } from '@pejling/platform';
import { AlertPolicyProvider } from '../evaluation/alert-policy';
import { evaluateAgainstLatest } from '../evaluation/evaluate-latest';
import { ownerContactsEvents } from '../owners/owner-contacts-events';
import { OwnersRepository } from '../owners/owners.repository';
import { GetGoal } from './get-goal.use-case';
import { findGoalOr404 } from './goal-view';
import { recordGoalVersion } from './goal-versions';
import { GoalPatch } from './goal.schema';
import { GoalsRepository, GoalView } from './goals.repository';

/** A changed rule applies from `effectiveFrom` (default: the current month); earlier periods keep the old one. */
@Injectable()
export class UpdateGoal {
  constructor(
    private readonly transactions: Transactions,
    private readonly goals: GoalsRepository,
    private readonly policy: AlertPolicyProvider,
    private readonly getGoal: GetGoal,
    private readonly owners: OwnersRepository,
  ) {}

  async run(id: string, patch: GoalPatch, author: string, principal: Principal): Promise<GoalView> {
    const current = await findGoalOr404(this.goals, id);
    assertInScope(principal, current.municipality, 'goals');
    if (patch.municipality) assertInScope(principal, patch.municipality, 'goals');
    await this.transactions.run(async (unit) => {
      const owner = patch.owner ? await this.owners.ensure(patch.owner, unit.manager) : undefined;
      if (owner) unit.publish(...ownerContactsEvents(await this.owners.contacts([owner.id], unit.manager)));
      const goal = await this.goals.update(id, patch, owner, unit.manager);
      if (!goal) throw new NotFoundException(`No goal with id ${id}.`);
      if (owner) await this.owners.setGoalOwners(goal.id, [owner.id], unit.manager);
      await recordGoalVersion(unit, goal, patch.effectiveFrom ?? monthOf(new Date()), author);
      // A changed target or indicator is judged again at once against the latest value.
      unit.publish(...(await evaluateAgainstLatest(unit, goal, this.policy.now())));
    });
    return this.getGoal.run(id, principal);
  }
}
