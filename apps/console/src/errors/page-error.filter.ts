import { Observable, throwError } from 'rxjs';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ServiceRejection, ServiceUnavailable } from '../services/service-errors';
import { CsrfRejected, SignInRequired } from '../web/access-errors';
import { languageOf } from '../web/language';
import { PageRenderer } from '../web/page-renderer';
import { RateLimited } from '../web/public-rate-limit.guard';
import { COMMON_TEXTS } from '../web/texts';
import { ConsoleRequest } from '../web/viewer';

/**
 * Every error becomes a page (or, for htmx requests, a fragment) that says what happened and what
 * to do: a service's 4xx message as the service wrote it, "the X service is unavailable, try again"
 * for a 5xx or an outage, sign-in for a missing session. Nothing leaks a stack trace.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('console');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // A Kafka handler's failure goes back to the event transport, which retries or dead-letters it.
    if (host.getType() !== 'http') return throwError(() => exception);
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    const t = COMMON_TEXTS[languageOf(request)];
    const htmx = request.headers['hx-request'] === 'true';
    if (exception instanceof SignInRequired) {
      const target = `/sign-in?next=${encodeURIComponent(exception.next)}`;
      if (htmx) response.status(401).setHeader('HX-Redirect', target).end();
      else response.redirect(303, target);
      return;
    }
    if (exception instanceof RateLimited) response.setHeader('retry-after', String(exception.retryAfterSeconds));
    const { status, message, fieldErrors } = this.describe(exception, t);
    if (status >= 500)
      this.logger.error(
        { err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : exception, url: request.originalUrl },
        'page failed',
      );
    if (request.path.startsWith('/api/')) return this.sendJson(response, exception, status, message);
    const data = {
      heading: t.errors.title,
      message,
      fieldErrors,
      retry: request.method === 'GET' ? request.originalUrl : (request.headers.referer ?? '/'),
    };
    this.pages.send(request, response, htmx ? 'layout/error-fragment' : 'layout/error', data, { status, title: t.errors.title });
  }

  /** The REST API's errors: JSON as the services answer (`statusCode`, `message`, and `errors` naming the fields). */
  private sendJson(response: Response, exception: unknown, status: number, message: string): void {
    const body = exception instanceof HttpException ? exception.getResponse() : undefined;
    const errors = typeof body === 'object' && body !== null && 'errors' in body ? (body as { errors: unknown }).errors : undefined;
    const text = exception instanceof HttpException && status < 500 ? exception.message : message;
    if (status === 503) response.setHeader('Retry-After', '10');
    response.status(status).json({ statusCode: status, message: text, ...(errors ? { errors } : {}) });
  }

  private describe(exception: unknown, t: (typeof COMMON_TEXTS)['da']): { status: number; message: string; fieldErrors: string[] } {
    if (exception instanceof ServiceUnavailable)
      return { status: 503, message: t.errors.unavailable(t.services[exception.service] ?? exception.service), fieldErrors: [] };
    if (exception instanceof ServiceRejection) {
      const status = exception.status === 404 ? 404 : exception.status;
      const message = exception.status === 404 ? t.errors.notFound : exception.message;
      const fieldErrors = exception.errors.map((e) => [e.field ?? e.path, e.reason ?? e.message].filter(Boolean).join(': '));
      return { status, message, fieldErrors };
    }
    if (exception instanceof RateLimited)
      return { status: 429, message: t.errors.rateLimited(exception.retryAfterSeconds), fieldErrors: [] };
    if (exception instanceof CsrfRejected) return { status: 403, message: t.errors.csrf, fieldErrors: [] };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return { status, message: t.errors.notFound, fieldErrors: [] };
      if (status === 403) return { status, message: t.errors.forbidden, fieldErrors: [] };
      if (status < 500) return { status, message: exception.message, fieldErrors: [] };
    }
    return { status: 500, message: t.errors.generic, fieldErrors: [] };
  }
}
