import { Injectable } from '@nestjs/common';
import { Principal, scopeFilter, Transactions } from '@pejling/platform';
import { episodeForPrincipal } from '../access/channel-masking';
import { EpisodeFilter, listEpisodes } from './episode-views.repository';

/** Episodes of the principal's municipalities, newest first. */
@Injectable()
export class ListEpisodes {
  constructor(private readonly transactions: Transactions) {}

  async run(filter: Omit<EpisodeFilter, 'municipalities'>, principal: Principal) {
    const episodes = await this.transactions.run(({ manager }) =>
      listEpisodes(manager, { ...filter, municipalities: scopeFilter(principal) }),
    );
    return episodes.map((episode) => episodeForPrincipal(episode, principal));
  }
}
