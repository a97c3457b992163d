import { Injectable } from '@nestjs/common';
import { assertInScope, Principal, Transactions } from '@pejling/platform';
import { AlertPolicyProvider } from '../evaluation/alert-policy';
import { evaluateAgainstLatest } from '../evaluation/evaluate-latest';
import { ownerContactsEvents } from '../owners/owner-contacts-events';
import { OwnersRepository } from '../owners/owners.repository';
import { GetGoal } from './get-goal.use-case';
import { recordGoalVersion } from './goal-versions';
import { GoalInput } from './goal.schema';
import { GoalsRepository, GoalView } from './goals.repository';

/** Creates a goal and evaluates it at once against the latest known indicator value. */
@Injectable()
export class CreateGoal {
  constructor(
    private readonly transactions: Transactions,
    private readonly policy: AlertPolicyProvider,
    private readonly getGoal: GetGoal,
    private readonly owners: OwnersRepository,
    private readonly goals: GoalsRepository,
  ) {}

  async run(input: GoalInput, author: string, principal: Principal): Promise<GoalView> {
    assertInScope(principal, input.municipality, 'goals');
    const id = await this.transactions.run(async (unit) => {
      const owner = await this.owners.ensure(input.owner, unit.manager);
      unit.publish(...ownerContactsEvents(await this.owners.contacts([owner.id], unit.manager)));
      const goal = await this.goals.insert(input, owner, unit.manager);
      await this.owners.setGoalOwners(goal.id, [owner.id], unit.manager);
      await recordGoalVersion(unit, goal, '2000-01', author);
      unit.publish(...(await evaluateAgainstLatest(unit, goal, this.policy.now())));
      return goal.id;
    });
    return this.getGoal.run(id, principal);
  }
}
