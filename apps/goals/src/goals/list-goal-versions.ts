import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@pejling/platform';
import { GoalVersionListing, listGoalVersions } from './goal-versions';
import { GoalsService } from './goals.service';

/** A goal's versions (who changed its rule, when, in force from which month); 404 out of scope. */
@Injectable()
export class ListGoalVersions {
  constructor(
    private readonly goals: GoalsService,
    private readonly dataSource: DataSource,
  ) {}

  async run(goalId: string, principal: Principal): Promise<GoalVersionListing[]> {
    await this.goals.get(goalId, principal);
    return listGoalVersions(this.dataSource.manager, goalId);
  }
}
