import { Injectable, NotFoundException } from '@nestjs/common';
import { assertVisible, Principal, Transactions } from '@pejling/platform';
import { episodeForPrincipal } from '../access/channel-masking';
import { episodeEvents, findEpisodeView } from './episode-views.repository';

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
