import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@pejling/platform';
import { GoalVersionListing, listGoalVersions } from './goal-versions.repository';
import { GetGoal } from './get-goal.use-case';

/** A goal's versions (who changed its rule, when, in force from which month); 404 out of scope. */
@Injectable()
export class ListGoalVersions {
  constructor(
    private readonly getGoal: GetGoal,
    private readonly dataSource: DataSource,
  ) {}

  async run(goalId: string, principal: Principal): Promise<GoalVersionListing[]> {
    await this.getGoal.run(goalId, principal);
    return listGoalVersions(this.dataSource.manager, goalId);
  }
}
