import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_ENV, ConsoleEnv } from '../../console.env';
import { PublicServicesClient } from '../../services/public-services-client';
import type { Lang } from '../../web/language';
import { atomFeed, jsonFeed } from './public-feed';
import { publicChangesResponse } from './public.schema';

const FEED_ENTRIES = 50;
export const FEED_TYPES = { atom: 'application/atom+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8' } as const;
export type FeedFormat = keyof typeof FEED_TYPES;

/** /offentlig/:code/feed.atom and feed.json: the state changes of the municipality's public goals. */
@Injectable()
export class LoadPublicFeed {
  constructor(
    private readonly services: PublicServicesClient,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async execute(code: string, format: FeedFormat, lang: Lang): Promise<{ body: string; contentType: string }> {
    const { municipality, changes } = await this.services.get(
      'goals',
      `/v1/public/municipalities/${encodeURIComponent(code)}/changes?limit=${FEED_ENTRIES}`,
      publicChangesResponse,
    );
    const input = { municipality, changes, baseUrl: this.env.PUBLIC_URL, lang };
    return { body: format === 'atom' ? atomFeed(input) : jsonFeed(input), contentType: FEED_TYPES[format] };
  }
}
