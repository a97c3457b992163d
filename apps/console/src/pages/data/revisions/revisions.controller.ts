import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { findSeries } from '@pejling/domain-kernel';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { allAreaChoices, seriesChoices, seriesLabel } from '../data-choices';
import { DATA_TEXTS } from '../data.texts';
import { FigureWithRevisions } from '../../../services/ingest-responses';
import { LoadRevisions, PERIODS_SHOWN } from './load-revisions.use-case';

/** Page 4, Data: a series' figures for a municipality with their revision history (`?series=&municipality=`). */
@Controller('data/revisions')
export class DataRevisionsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly loadRevisions: LoadRevisions,
  ) {}

  @Get()
  async show(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Query('series') series?: string,
    @Query('municipality') municipality?: string,
  ): Promise<void> {
    const lang = languageOf(request);
    const texts = DATA_TEXTS[lang];
    const areas = allAreaChoices(lang);
    const asked = series !== undefined || municipality !== undefined;
    const errors: Record<string, string> = {};
    if (asked && !(typeof series === 'string' && findSeries(series)))
      errors.series = `${texts.revisions.series}: ${texts.revisions.seriesRequired}`;
    if (asked && !(typeof municipality === 'string' && areas.some((area) => area.value === municipality)))
      errors.municipality = `${texts.revisions.municipality}: ${texts.revisions.municipalityRequired}`;
    let figures: FigureWithRevisions[] | undefined;
    if (asked && Object.keys(errors).length === 0)
      figures = await this.loadRevisions.execute(signedIn(request), series as string, municipality as string);
    this.pages.send(
      request,
      response,
      'pages/data/revisions/revisions',
      {
        texts,
        tab: 'revisions',
        seriesOptions: seriesChoices(lang),
        areas,
        values: { series: series ?? '', municipality: municipality ?? '' },
        errors,
        figures,
        limit: PERIODS_SHOWN,
        seriesLabel: (id: string) => seriesLabel(id, lang),
      },
      { status: Object.keys(errors).length ? 400 : 200, title: texts.revisions.title, nav: 'data' },
    );
  }
}
