import { Injectable } from '@nestjs/common';
import { Principal } from '@pejling/platform';
import { GoalVersionListing, GoalVersionsRepository } from '../evaluation/goal-versions.repository';
import { GetGoal } from './get-goal.use-case';

/** A goal's versions (who changed its rule, when, in force from which month); 404 out of scope. */
@Injectable()
export class ListGoalVersions {
  constructor(
    private readonly getGoal: GetGoal,
    private readonly versions: GoalVersionsRepository,
  ) {}

  async run(goalId: string, principal: Principal): Promise<GoalVersionListing[]> {
    await this.getGoal.run(goalId, principal);
    return this.versions.list(goalId);
  }
}
