import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { municipalityChoices, seriesLabel } from '../data-choices';
import { DATA_TEXTS } from '../data.texts';
import { FLAG_STATUSES, FLAGS_SHOWN, ListFlags, QUALITY_CHECKS } from './list-flags.use-case';

const filterQuery = z.object({
  municipality: z
    .string()
    .regex(/^\d{3}$/)
    .optional()
    .catch(undefined),
  check: z.enum(QUALITY_CHECKS).optional().catch(undefined),
  status: z.enum(FLAG_STATUSES).default('open').catch('open'),
});

/** Page 4, Data: data-quality flags with counts, filtered by municipality, check and status (kept in the URL). */
@Controller('data/quality')
export class DataQualityController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listFlags: ListFlags,
  ) {}

  @Get()
  async show(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const lang = languageOf(request);
    const texts = DATA_TEXTS[lang];
    const viewer = signedIn(request);
    const filter = filterQuery.parse(Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '')));
    const list = await this.listFlags.execute(viewer, filter);
    const filtered = !!filter.municipality || !!filter.check || filter.status !== 'open';
    this.pages.send(
      request,
      response,
      'pages/data/quality/quality',
      {
        texts,
        tab: 'quality',
        ...list,
        filter,
        filtered,
        checks: QUALITY_CHECKS,
        statuses: FLAG_STATUSES,
        limit: FLAGS_SHOWN,
        municipalities: municipalityChoices(viewer, lang, { country: true }),
        seriesLabel: (id: string) => seriesLabel(id, lang),
      },
      { title: texts.quality.title, nav: 'data' },
    );
  }
}
