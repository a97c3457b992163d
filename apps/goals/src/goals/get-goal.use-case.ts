import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertVisible, Principal } from '@pejling/platform';
import { goalOwnerForPrincipal } from '../owners/owner-masking';
import { findGoalOr404, withExplanation } from './goal-view';
import { GoalView } from './goals.repository';

/** One goal with its state and explanation; a goal out of the principal's scope is answered as unknown (404). */
@Injectable()
export class GetGoal {
  constructor(private readonly dataSource: DataSource) {}

  async run(id: string, principal: Principal): Promise<GoalView> {
    const goal = await findGoalOr404(this.dataSource.manager, id);
    assertVisible(principal, goal.municipality, `No goal with id ${id}.`);
    return goalOwnerForPrincipal(withExplanation(goal), principal);
  }
}
