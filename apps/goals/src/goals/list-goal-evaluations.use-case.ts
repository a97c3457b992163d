import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@pejling/platform';
import { GetGoal } from './get-goal.use-case';
import { listEvaluations } from './goals.repository';

/**
 * Every evaluation of a goal, newest first, with the inputs behind it: `current` marks the one
 * judgement per period that stands; a re-judgement supersedes the earlier ones (kept for the
 * audit), and the staleness check's evaluations are of their own kind. 404 out of scope.
 */
@Injectable()
export class ListGoalEvaluations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly getGoal: GetGoal,
  ) {}

  async run(id: string, principal: Principal): Promise<Record<string, unknown>[]> {
    await this.getGoal.run(id, principal);
    return listEvaluations(this.dataSource.manager, id);
  }
}
