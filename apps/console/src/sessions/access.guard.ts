import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { SessionsRepository } from './sessions.repository';
import { API_ROUTE, OPEN_DATA_PAGE, PUBLIC_PAGE, REQUIRED_ROLE } from '../web/access';
import { AXIOS_CSRF_HEADER, CSRF_FIELD, CSRF_HEADER, CsrfRejected, SignInRequired } from '../web/access-errors';
import { ANONYMOUS_CSRF_COOKIE, cookieOptions, SESSION_COOKIE } from '../web/cookies';
import { randomToken, sameToken, tokenHash } from '../web/tokens';
import { ConsoleRequest, ConsoleRole, hasRole } from '../web/viewer';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Every request: finds the session from its cookie (or sends the reader to sign in), checks the
 * page's role, and refuses any non-GET without the synchronizer CSRF token (form field `_csrf` or
 * header `X-CSRF-Token`; htmx sends the header from the page's meta tag, the queue board's axios as `X-XSRF-Token`). Signed-out forms carry a
 * token bound to a cookie of their own (double submit), so sign-in itself cannot be forged.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsRepository,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // The report consumer's Kafka handlers are no one's pages.
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    // The REST API authenticates by API key (ApiKeyAuth), not by session: no cookie, no CSRF.
    if (this.reflector.getAllAndOverride<boolean>(API_ROUTE, targets) === true) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPEN_DATA_PAGE, targets) === true && SAFE_METHODS.has(request.method)) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_PAGE, targets) === true;
    const cookies = (request.cookies ?? {}) as Record<string, string | undefined>;
    const cookie = cookies[SESSION_COOKIE];
    const session = cookie ? await this.sessions.findActive(tokenHash(this.env.SESSION_SECRET, cookie)) : undefined;
    if (session) {
      request.viewer = session.viewer;
      request.consoleSession = { tokenHash: session.tokenHash, csrfToken: session.csrfToken };
    }
    if (!session && isPublic) this.ensureAnonymousCsrf(request, response, cookies[ANONYMOUS_CSRF_COOKIE]);
    if (!SAFE_METHODS.has(request.method)) this.checkCsrf(request);
    if (isPublic) return true;
    if (!request.viewer) throw new SignInRequired(request.originalUrl);
    const role = this.reflector.getAllAndOverride<ConsoleRole>(REQUIRED_ROLE, targets) ?? 'viewer';
    if (!hasRole(request.viewer, role)) throw new ForbiddenException(`requires the role ${role}`);
    return true;
  }

  private ensureAnonymousCsrf(request: ConsoleRequest, response: Response, existing: string | undefined): void {
    const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
    if (token !== existing) response.cookie(ANONYMOUS_CSRF_COOKIE, token, cookieOptions(this.env, 2 * 3_600_000));
    // The form carries a keyed hash of the cookie, so a cookie planted by a sibling subdomain cannot be paired with a known field.
    request.anonymousCsrf = tokenHash(this.env.SESSION_SECRET, `anon:${token}`);
  }

  private checkCsrf(request: ConsoleRequest): void {
    const expected = request.consoleSession?.csrfToken ?? request.anonymousCsrf;
    const body = request.body as Record<string, unknown> | undefined;
    const header = request.headers[CSRF_HEADER] ?? request.headers[AXIOS_CSRF_HEADER];
    const given = typeof header === 'string' ? header : typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined;
    if (!expected || !given || !sameToken(expected, given)) throw new CsrfRejected();
  }
}
