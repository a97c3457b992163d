import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { monthOf } from '@pejling/domain-kernel';
import { assertInScope, Principal, Transactions } from '@pejling/platform';
import { AlertPolicyProvider } from '../evaluation/alert-policy';
import { evaluateAgainstLatest } from '../evaluation/evaluate-latest';
import { ownerContactsEvents } from '../owners/owner-contacts-events';
import { ensureOwner, setGoalOwners } from '../owners/owners.repository';
import { GetGoal } from './get-goal.use-case';
import { findGoalOr404 } from './goal-view';
import { recordGoalVersion } from './goal-versions';
import { GoalPatch } from './goal.schema';
import { GoalView, updateGoal } from './goals.repository';

/** A changed rule applies from `effectiveFrom` (default: the current month); earlier periods keep the old one. */
@Injectable()
export class UpdateGoal {
  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
    private readonly policy: AlertPolicyProvider,
    private readonly getGoal: GetGoal,
  ) {}

  async run(id: string, patch: GoalPatch, author: string, principal: Principal): Promise<GoalView> {
    const current = await findGoalOr404(this.dataSource.manager, id);
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
    return this.getGoal.run(id, principal);
  }
}
