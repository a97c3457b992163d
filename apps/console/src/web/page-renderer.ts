import { Inject, Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { Response } from 'express';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { formatters } from './format';
import { languageOf } from './language';
import { consoleSourceDir } from './source-dir';
import { COMMON_TEXTS } from './texts';
import { ConsoleRequest, hasRole } from './viewer';

export interface RenderOptions {
  status?: number;
  /** The page's <title> and <h1>. */
  title: string;
  /** Which navigation entry is current (aria-current). */
  nav?: string;
  /** The title's language when it differs from the page's (a goal's name is Danish as printed in its plan). */
  titleLang?: 'da' | 'en';
}

/**
 * Renders a page's eta template (auto-escaping on: `<%= %>` escapes, `<%~ %>` only for trusted
 * HTML such as included partials) with what every template may use: `it.t` (common words),
 * `it.f` (Danish/English formatting), `it.lang`, `it.viewer`, `it.csrf` and `it.can(role)`.
 * Templates are named from apps/console/src, e.g. `pages/board/board`.
 */
@Injectable()
export class PageRenderer {
  private readonly eta: Eta;

  constructor(@Inject(CONSOLE_ENV) private readonly env: ConsoleEnv) {
    this.eta = new Eta({ views: consoleSourceDir(), autoEscape: true, cache: env.NODE_ENV === 'production', defaultExtension: '.eta' });
  }

  /** The HTML of a template (a full page when the template declares the layout, else a fragment). */
  html(request: ConsoleRequest, template: string, data: Record<string, unknown>, options: RenderOptions): string {
    const lang = languageOf(request);
    const viewer = request.viewer;
    return this.eta.render(`/${template.replace(/^\//, '')}`, {
      ...data,
      lang,
      t: COMMON_TEXTS[lang],
      f: formatters(lang),
      viewer,
      csrf: request.consoleSession?.csrfToken ?? request.anonymousCsrf ?? '',
      can: (role: 'viewer' | 'operator' | 'admin') => hasRole(viewer, role),
      title: options.title,
      nav: options.nav ?? '',
      titleLang: options.titleLang ?? lang,
      path: request.originalUrl,
      refreshSeconds: this.env.REFRESH_EVERY_SECONDS,
    });
  }

  send(request: ConsoleRequest, response: Response, template: string, data: Record<string, unknown>, options: RenderOptions): void {
    response
      .status(options.status ?? 200)
      .type('html')
      .setHeader('cache-control', 'no-store');
    response.send(this.html(request, template, data, options));
  }
}
