import { Injectable, NotFoundException } from '@nestjs/common';
import { inScope, Principal, Transactions } from '@pejling/platform';
import { episodeForPrincipal } from '../access/channel-masking';
import { goalHistory } from './episode-views.repository';

/** A goal's notification history; a goal of another municipality is unknown (404). */
@Injectable()
export class GetGoalHistory {
  constructor(private readonly transactions: Transactions) {}

  async run(goalId: string, principal: Principal) {
    const { alerts, episodes, events } = await this.transactions.run(({ manager }) => goalHistory(manager, goalId));
    // A goal belongs to one municipality; its alerts say which.
    if (alerts.length > 0 && !inScope(principal, alerts[0].municipality)) throw new NotFoundException(`No goal with id ${goalId}.`);
    return {
      goalId,
      alerts,
      episodes: episodes.map((episode) => ({
        ...episodeForPrincipal(episode, principal),
        history: events.filter((event) => event.episodeId === episode.id),
      })),
    };
  }
}
