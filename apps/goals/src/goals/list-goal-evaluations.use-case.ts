import { Injectable } from '@nestjs/common';
import { Principal } from '@pejling/platform';
import { GetGoal } from './get-goal.use-case';
import { GoalsRepository } from './goals.repository';

/**
 * Every evaluation of a goal, newest first, with the inputs behind it: `current` marks the one
 * judgement per period that stands; a re-judgement supersedes the earlier ones (kept for the
 * audit), and the staleness check's evaluations are of their own kind. 404 out of scope.
 */
@Injectable()
export class ListGoalEvaluations {
  constructor(
    private readonly goals: GoalsRepository,
    private readonly getGoal: GetGoal,
  ) {}

  async run(id: string, principal: Principal): Promise<Record<string, unknown>[]> {
    await this.getGoal.run(id, principal);
    return this.goals.listEvaluations(id);
  }
}
