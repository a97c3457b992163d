import { Injectable } from '@nestjs/common';
import { assertInScope, Principal } from '@pejling/platform';
import { findGoalOr404 } from './goal-view';
import { GoalsRepository } from './goals.repository';

/** Soft delete: the goal's evaluations stay as history. */
@Injectable()
export class DeleteGoal {
  constructor(private readonly goals: GoalsRepository) {}

  async run(id: string, principal: Principal): Promise<void> {
    const goal = await findGoalOr404(this.goals, id);
    assertInScope(principal, goal.municipality, 'goals');
    await this.goals.softDelete(id);
  }
}
