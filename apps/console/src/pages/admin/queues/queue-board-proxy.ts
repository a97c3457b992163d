import type { ClientRequest } from 'node:http';
import { ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { createProxyMiddleware, fixRequestBody, type RequestHandler } from 'http-proxy-middleware';
import { FORWARDED_PREFIX_HEADER } from '@pejling/platform';
import { CONSOLE_ENV, ConsoleEnv } from '../../../console.env';
import { ServiceUnavailable } from '../../../services/service-errors';
import { serviceBaseUrls } from '../../../services/services-client';
import { signUserToken } from '../../../services/user-token';
import { AXIOS_CSRF_COOKIE, AXIOS_CSRF_HEADER, CSRF_HEADER } from '../../../web/access-errors';
import { languageOf } from '../../../web/language';
import { ConsoleRequest, coversAll, Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { boardChangeOf, consoleBoardPath, QUEUE_BOARD_SERVICES, QueueBoardService, SERVICE_BOARD_PATH } from './queue-boards';

/**
 * The console's policy (console.app.ts) with two allowances Bull Board's page needs: its `<base href>`
 * (base-uri), from which its assets and API calls resolve, and its inline styles. Scripts stay our
 * origin's only; its web fonts (from Google) stay blocked, so no third party learns who opens it.
 */
const BOARD_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

/** What travels from the console's request to the service's: the signed user token and where the console serves the board. */
interface Forwarding {
  token: string;
  prefix: string;
  /** Why the service could not be reached, when it could not. */
  failure?: Error;
}

/**
 * A service's Bull Board through the console, streamed by http-proxy-middleware: the browser holds
 * a session, not a key, so each request goes on with a fresh user token of the admin (the service
 * checks it again) and without the console's cookies and CSRF token. The service bases the page
 * under the console's path (X-Forwarded-Prefix), so its assets and API calls come back this way.
 * Retries that the service carried out are written to the console's audit log.
 */
@Injectable()
export class QueueBoardProxy {
  private readonly logger = new Logger(QueueBoardProxy.name);
  private readonly proxies: Record<QueueBoardService, RequestHandler<ConsoleRequest, Response>>;
  private readonly forwarding = new WeakMap<ConsoleRequest, Forwarding>();

  constructor(
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
    private readonly audit: AdminAudit,
  ) {
    const urls = serviceBaseUrls(env);
    this.proxies = Object.fromEntries(QUEUE_BOARD_SERVICES.map((service) => [service, this.proxyTo(service, urls[service])])) as Record<
      QueueBoardService,
      RequestHandler<ConsoleRequest, Response>
    >;
  }

  async forward(viewer: Viewer, service: QueueBoardService, request: ConsoleRequest, response: Response): Promise<void> {
    // A queue's jobs belong to no one municipality; the service refuses a scoped admin too, but the console says it as a page.
    if (!coversAll(viewer)) throw new ForbiddenException('only unscoped admins see the queues');
    const prefix = consoleBoardPath(service);
    const forwarding: Forwarding = { token: await signUserToken(this.env.CONSOLE_TOKEN_SECRET, viewer), prefix };
    this.forwarding.set(request, forwarding);
    const boardPath = request.path.slice(prefix.length) || '/';
    response.setHeader('content-security-policy', BOARD_CONTENT_SECURITY_POLICY);
    if (request.method === 'GET' && !/^\/(api|static)\//.test(boardPath)) this.handOverCsrfToken(request, response, prefix);
    const change = boardChangeOf(request.method, boardPath);
    if (change) {
      response.once('finish', () => {
        if (response.statusCode >= 300) return;
        const target = { type: 'queue', id: `${service}/${change.queue}` };
        this.audit
          .record(viewer, change.action, target, { service, queue: change.queue, jobId: change.jobId ?? null })
          .catch((error: Error) => {
            this.logger.error({ err: error.message, action: change.action }, 'audit record failed');
          });
      });
    }
    // The proxy answers the request itself; a service it cannot reach comes back as its 'error' event (or `next`).
    await this.proxies[service](
      request,
      response,
      (error) => (forwarding.failure ??= error instanceof Error ? error : new Error('not proxied')),
    );
    const failure = forwarding.failure;
    if (!failure) return;
    this.logger.warn({ service, method: request.method, path: boardPath, err: failure.message }, 'queue board unreachable');
    if (response.headersSent) return void response.destroy();
    throw new ServiceUnavailable(service, 'it could not be reached');
  }

  /** Bull Board's axios sends this cookie back as X-XSRF-Token, which the access guard takes as the session's CSRF token. */
  private handOverCsrfToken(request: ConsoleRequest, response: Response, path: string): void {
    const token = request.consoleSession?.csrfToken;
    if (token) response.cookie(AXIOS_CSRF_COOKIE, token, { httpOnly: false, sameSite: 'strict', secure: this.env.COOKIE_SECURE, path });
  }

  private proxyTo(service: QueueBoardService, target: string): RequestHandler<ConsoleRequest, Response> {
    const prefix = consoleBoardPath(service);
    return createProxyMiddleware<ConsoleRequest, Response>({
      target,
      changeOrigin: true,
      proxyTimeout: this.env.SERVICE_TIMEOUT_MS,
      pathRewrite: (path) => `${SERVICE_BOARD_PATH}${path.slice(prefix.length)}`,
      on: {
        proxyReq: (proxyReq, request) => {
          this.prepare(proxyReq, request);
          // The console's body parsers have read the body already: send it on as parsed.
          fixRequestBody(proxyReq, request);
        },
        // Answered by forward() as "the service is unavailable".
        error: (error, request) => {
          const forwarding = this.forwarding.get(request);
          if (forwarding) forwarding.failure = error;
        },
      },
    });
  }

  private prepare(proxyReq: ClientRequest, request: ConsoleRequest): void {
    const forwarding = this.forwarding.get(request);
    if (!forwarding) throw new Error('queue board request without a user token');
    for (const header of ['cookie', CSRF_HEADER, AXIOS_CSRF_HEADER, FORWARDED_PREFIX_HEADER, 'x-api-key']) proxyReq.removeHeader(header);
    proxyReq.setHeader('authorization', `Bearer ${forwarding.token}`);
    proxyReq.setHeader(FORWARDED_PREFIX_HEADER, forwarding.prefix);
    proxyReq.setHeader('accept-language', languageOf(request));
  }
}
