import { BadRequestException, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { DATA_TEXTS } from '../data.texts';
import { LoadPulls } from './load-pulls.use-case';
import { RunPull } from './run-pull.use-case';

const TABLE = /^[a-z0-9]{2,20}$/;

/** Page 4, Data: Jobindsats pulls (schedule, recent runs, run now). */
@Controller('data/pulls')
export class DataPullsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly loadPulls: LoadPulls,
    private readonly runPull: RunPull,
  ) {}

  @Get()
  async show(@Req() request: ConsoleRequest, @Res() response: Response, @Query('started') started?: string): Promise<void> {
    const texts = DATA_TEXTS[languageOf(request)];
    const view = await this.loadPulls.execute(signedIn(request));
    const startedTable = typeof started === 'string' && TABLE.test(started) ? started : undefined;
    this.pages.send(
      request,
      response,
      'pages/data/pulls/pulls',
      { texts, tab: 'pulls', ...view, started: startedTable },
      { title: texts.pulls.title, nav: 'data' },
    );
  }

  /** A plain form post (works without JavaScript); back to the page with a notice (post/redirect/get). */
  @Post(':table/run')
  @RequireRole('operator')
  async run(@Req() request: ConsoleRequest, @Res() response: Response, @Param('table') table: string): Promise<void> {
    if (!TABLE.test(table)) throw new BadRequestException(`${DATA_TEXTS[languageOf(request)].pulls.table}: ${table.slice(0, 40)}`);
    await this.runPull.execute(signedIn(request), table);
    response.redirect(303, `/data/pulls?started=${encodeURIComponent(table)}`);
  }
}
