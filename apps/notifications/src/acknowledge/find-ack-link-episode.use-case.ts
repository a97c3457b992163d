import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AckLinkEpisode, findAckLinkEpisode } from '../episodes/episode-views.repository';

/** The episode a signed link names, as its confirmation page needs it (a read: a GET must change nothing). */
@Injectable()
export class FindAckLinkEpisode {
  constructor(private readonly dataSource: DataSource) {}

  run(episodeId: string): Promise<AckLinkEpisode | undefined> {
    return findAckLinkEpisode(this.dataSource.manager, episodeId);
  }
}
