import { Injectable } from '@nestjs/common';
import { Principal, scopeFilter } from '@pejling/platform';
import { goalOwnerForPrincipal } from '../owners/owner-masking';
import { withExplanation } from './goal-view';
import { GoalsRepository, GoalView } from './goals.repository';

/** The goals in the principal's scope, by municipality and state, oldest first. */
@Injectable()
export class ListGoals {
  constructor(private readonly goals: GoalsRepository) {}

  async run(filter: { municipality?: string; state?: string }, principal: Principal): Promise<GoalView[]> {
    const goals = await this.goals.listViews(filter, scopeFilter(principal));
    return goals.map((goal) => goalOwnerForPrincipal(withExplanation(goal), principal));
  }
}
