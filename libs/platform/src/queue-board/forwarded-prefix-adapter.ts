import { ExpressAdapter } from '@bull-board/express';
import type { AppViewRoute } from '@bull-board/api/typings/app';
import type { Request, Response } from 'express';

/** The path a reverse proxy serves the board under (the console: `/admin/queues/notifications`). */
export const FORWARDED_PREFIX_HEADER = 'x-forwarded-prefix';
const PREFIX = /^(\/[A-Za-z0-9._-]+)+$/;

/** Bull Board's languages that Pejling's people read; anything else gets English. */
const LOCALES: Record<string, string> = { da: 'da-DK', en: 'en-US' };
const BACK_TO_CONSOLE: Record<string, string> = { 'da-DK': 'Tilbage til konsollen', 'en-US': 'Back to the console' };

/**
 * Bull Board's Express adapter with the page's `<base href>` (from which the UI loads its assets and
 * calls its API) worked out per request: the proxy's prefix when it names one, else where the board
 * is mounted. So the same board answers an admin's API key directly and a console admin through the
 * console's proxy, whose path the service need not be configured with. The UI's language follows
 * the first language the request accepts (the console sends its own); through a proxy, the header
 * links back to the page above the board (the console's overview of the queues).
 */
export class ForwardedPrefixAdapter extends ExpressAdapter {
  override setEntryRoute(route: AppViewRoute): ExpressAdapter {
    const render = (request: Request, response: Response) => {
      const basePath = basePathOf(request);
      const lng = localeOf(request);
      const back =
        basePath === request.baseUrl ? [] : [{ text: BACK_TO_CONSOLE[lng], url: basePath.slice(0, basePath.lastIndexOf('/')) || '/' }];
      const { name, params } = route.handler({ basePath, uiConfig: { ...this.uiConfig, locale: { lng }, miscLinks: back } });
      response.render(name, params);
    };
    for (const path of Array.isArray(route.route) ? route.route : [route.route]) this.app[route.method](path, render);
    return this;
  }
}

export function basePathOf(request: Pick<Request, 'baseUrl' | 'headers'>): string {
  const forwarded = request.headers[FORWARDED_PREFIX_HEADER];
  return typeof forwarded === 'string' && PREFIX.test(forwarded) && !forwarded.includes('..') ? forwarded : request.baseUrl;
}

export function localeOf(request: Pick<Request, 'headers'>): string {
  const first = (request.headers['accept-language'] ?? '').split(',')[0].trim().slice(0, 2).toLowerCase();
  return LOCALES[first] ?? LOCALES.en;
}
