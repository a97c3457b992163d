import { Injectable, NotFoundException } from '@nestjs/common';
import { assertVisible, inScope, Principal, scopeFilter, Transactions } from '@pejling/platform';
import { episodeForPrincipal } from '../access/channel-masking';
import { episodeEvents, EpisodeFilter, findEpisodeView, goalHistory, listEpisodes } from './episode-views.repository';

/** Episodes of the principal's municipalities, newest first. */
@Injectable()
export class ListEpisodes {
  constructor(private readonly transactions: Transactions) {}

  async run(filter: Omit<EpisodeFilter, 'municipalities'>, principal: Principal) {
    const episodes = await this.transactions.run(({ manager }) => listEpisodes(manager, { ...filter, municipalities: scopeFilter(principal) }));
    return episodes.map((episode) => episodeForPrincipal(episode, principal));
  }
}

/** One episode with its history; out of scope it is unknown (404). */
@Injectable()
export class GetEpisode {
  constructor(private readonly transactions: Transactions) {}

  async run(id: string, principal: Principal) {
    const { episode, history } = await this.transactions.run(async ({ manager }) => {
      const found = await findEpisodeView(manager, id);
      if (!found) throw new NotFoundException(`No episode with id ${id}.`);
      assertVisible(principal, found.municipality, `No episode with id ${id}.`);
      return { episode: found, history: await episodeEvents(manager, id) };
    });
    return { ...episodeForPrincipal(episode, principal), history };
  }
}

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
      episodes: episodes.map((episode) => ({ ...episodeForPrincipal(episode, principal), history: events.filter((event) => event.episodeId === episode.id) })),
    };
  }
}
