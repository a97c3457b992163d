import { Injectable } from '@nestjs/common';
import { assertVisible, Principal } from '@pejling/platform';
import { goalOwnerForPrincipal } from '../owners/owner-masking';
import { findGoalOr404, withExplanation } from './goal-view';
import { GoalsRepository, GoalView } from './goals.repository';

/** One goal with its state and explanation; a goal out of the principal's scope is answered as unknown (404). */
@Injectable()
export class GetGoal {
  constructor(private readonly goals: GoalsRepository) {}

  async run(id: string, principal: Principal): Promise<GoalView> {
    const goal = await findGoalOr404(this.goals, id);
    assertVisible(principal, goal.municipality, `No goal with id ${id}.`);
    return goalOwnerForPrincipal(withExplanation(goal), principal);
  }
}
