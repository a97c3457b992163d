import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { textField } from '../shared/field-errors';
import { noticeOf } from '../shared/notice';
import { ENDPOINTS_TEXTS } from './endpoints.texts';
import { EnableEndpoint, ListDisabledEndpoints } from './endpoints.use-cases';

/** Admin → disabled endpoints (notifications service): list, enable again. */
@Controller('admin/endpoints')
@RequireRole('admin')
export class AdminEndpointsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listEndpoints: ListDisabledEndpoints,
    private readonly enableEndpoint: EnableEndpoint,
  ) {}

  @Get()
  async list(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    const texts = ENDPOINTS_TEXTS[languageOf(request)];
    const rows = await this.listEndpoints.execute(signedIn(request));
    this.pages.send(
      request,
      response,
      'pages/admin/endpoints/endpoints',
      { ...adminView(request, 'endpoints', noticeOf({ enabled: texts.enabled }, notice)), texts, rows },
      { title: texts.title, nav: 'admin' },
    );
  }

  @Post('enable')
  async enable(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    await this.enableEndpoint.execute(signedIn(request), textField(body, 'endpointKey'));
    response.redirect(303, '/admin/endpoints?notice=enabled');
  }
}
