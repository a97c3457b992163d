import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertInScope, Principal } from '@pejling/platform';
import { findGoalOr404 } from './goal-view';
import { softDeleteGoal } from './goals.repository';

/** Soft delete: the goal's evaluations stay as history. */
@Injectable()
export class DeleteGoal {
  constructor(private readonly dataSource: DataSource) {}

  async run(id: string, principal: Principal): Promise<void> {
    const goal = await findGoalOr404(this.dataSource.manager, id);
    assertInScope(principal, goal.municipality, 'goals');
    await softDeleteGoal(this.dataSource.manager, id);
  }
}
