import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimitExceeded } from '@pejling/platform';
import { ackLinkDocument, rateLimitedPage } from './ack-link-pages';

/** The acknowledgement link answers people in a browser: its 429 is a page (with `Retry-After`), not the API's JSON. */
@Catch(RateLimitExceeded)
export class AckLinkRateLimitFilter implements ExceptionFilter {
  catch(exception: RateLimitExceeded, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const page = rateLimitedPage(exception.retryAfterSeconds);
    response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(page.status).type('html').send(ackLinkDocument(page));
  }
}
