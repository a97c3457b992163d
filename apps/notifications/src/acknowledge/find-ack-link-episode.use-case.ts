import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { AckLinkEpisode, findAckLinkEpisode } from '../episodes/episode-views.repository';

/** The episode a signed link names, as its confirmation page needs it (a read: a GET must change nothing). */
@Injectable()
export class FindAckLinkEpisode {
  constructor(private readonly transactions: Transactions) {}

  run(episodeId: string): Promise<AckLinkEpisode | undefined> {
    return this.transactions.run(({ manager }) => findAckLinkEpisode(manager, episodeId));
  }
}
