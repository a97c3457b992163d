import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertVisible, inScope, Principal, scopeFilter } from '@pejling/platform';
import { episodeForPrincipal } from '../access/channel-masking';
import { episodeEvents, EpisodeFilter, findEpisodeView, goalHistory, listEpisodes } from './episode-views.repository';

/** Episodes of the principal's municipalities, newest first. */
@Injectable()
export class ListEpisodes {
  constructor(private readonly dataSource: DataSource) {}

  async run(filter: Omit<EpisodeFilter, 'municipalities'>, principal: Principal) {
    const episodes = await listEpisodes(this.dataSource.manager, { ...filter, municipalities: scopeFilter(principal) });
    return episodes.map((episode) => episodeForPrincipal(episode, principal));
  }
}

/** One episode with its history; out of scope it is unknown (404). */
@Injectable()
export class GetEpisode {
  constructor(private readonly dataSource: DataSource) {}

  async run(id: string, principal: Principal) {
    const episode = await findEpisodeView(this.dataSource.manager, id);
    if (!episode) throw new NotFoundException(`No episode with id ${id}.`);
    assertVisible(principal, episode.municipality, `No episode with id ${id}.`);
    return { ...episodeForPrincipal(episode, principal), history: await episodeEvents(this.dataSource.manager, id) };
  }
}

/** A goal's notification history; a goal of another municipality is unknown (404). */
@Injectable()
export class GetGoalHistory {
  constructor(private readonly dataSource: DataSource) {}

  async run(goalId: string, principal: Principal) {
    const { alerts, episodes, events } = await goalHistory(this.dataSource.manager, goalId);
    // A goal belongs to one municipality; its alerts say which.
    if (alerts.length > 0 && !inScope(principal, alerts[0].municipality)) throw new NotFoundException(`No goal with id ${goalId}.`);
    return {
      goalId,
      alerts,
      episodes: episodes.map((episode) => ({ ...episodeForPrincipal(episode, principal), history: events.filter((event) => event.episodeId === episode.id) })),
    };
  }
}
