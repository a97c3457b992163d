import { Controller, Get, Inject, NotFoundException, Param, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { CONSOLE_ENV, ConsoleEnv } from '../../console.env';
import { OpenDataPage } from '../../web/access';
import { sendCacheable } from '../../web/http-cache';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { PublicRateLimitGuard } from '../../web/public-rate-limit.guard';
import { ConsoleRequest } from '../../web/viewer';
import { ListPublicMunicipalities } from './list-public-municipalities.use-case';
import { LoadPublicFeed } from './load-public-feed.use-case';
import { LoadPublicPage } from './load-public-page.use-case';
import { PUBLIC_TEXTS } from './public.texts';

/**
 * The public transparency page (no sign-in): the municipalities with public plans, each one's goals
 * and states, and a feed of state changes (Atom and JSON Feed). Read-only, cached (ETag,
 * Cache-Control, PUBLIC_CACHE_SECONDS) and rate-limited per client address.
 */
@Controller('offentlig')
@OpenDataPage()
@UseGuards(PublicRateLimitGuard)
export class PublicController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly municipalities: ListPublicMunicipalities,
    private readonly page: LoadPublicPage,
    private readonly feed: LoadPublicFeed,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  @Get()
  async index(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const texts = PUBLIC_TEXTS[languageOf(request)];
    const municipalities = await this.municipalities.execute();
    const html = this.pages.html(request, 'pages/public/public-index', { texts, municipalities }, { title: texts.indexTitle });
    sendCacheable(request, response, html, 'html', this.env.PUBLIC_CACHE_SECONDS);
  }

  @Get(':code/feed.atom')
  atom(@Req() request: ConsoleRequest, @Res() response: Response, @Param('code') code: string): Promise<void> {
    return this.sendFeed(request, response, code, 'atom');
  }

  @Get(':code/feed.json')
  json(@Req() request: ConsoleRequest, @Res() response: Response, @Param('code') code: string): Promise<void> {
    return this.sendFeed(request, response, code, 'json');
  }

  @Get(':code')
  async municipality(@Req() request: ConsoleRequest, @Res() response: Response, @Param('code') code: string): Promise<void> {
    const lang = languageOf(request);
    const texts = PUBLIC_TEXTS[lang];
    const view = await this.page.execute(municipalityCode(code), lang);
    const alternates = [
      { type: 'application/atom+xml', href: `/offentlig/${view.municipality.code}/feed.atom`, title: texts.feedAtom },
      { type: 'application/feed+json', href: `/offentlig/${view.municipality.code}/feed.json`, title: texts.feedJson },
    ];
    const html = this.pages.html(
      request,
      'pages/public/public-municipality',
      { texts, ...view, alternates },
      { title: texts.pageTitle(view.municipality.name) },
    );
    sendCacheable(request, response, html, 'html', this.env.PUBLIC_CACHE_SECONDS);
  }

  private async sendFeed(request: ConsoleRequest, response: Response, code: string, format: 'atom' | 'json'): Promise<void> {
    const feed = await this.feed.execute(municipalityCode(code), format, languageOf(request));
    sendCacheable(request, response, feed.body, feed.contentType, this.env.PUBLIC_CACHE_SECONDS);
  }
}

/** Anything but a 3-digit code is no page at all. */
function municipalityCode(code: string): string {
  if (!/^\d{3}$/.test(code)) throw new NotFoundException();
  return code;
}
