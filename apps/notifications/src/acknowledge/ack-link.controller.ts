import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiDoc, Public, PublicRateLimitGuard } from '@pejling/platform';
import { ackLinkDocument, ackLinkPage } from './ack-link-pages';
import { AckLinkRateLimitFilter } from './ack-link-rate-limit.filter';
import { AcknowledgeByLink } from './acknowledge-by-link.use-case';
import { ShowAckLink } from './show-ack-link.use-case';

const MAX_FORM_BYTES = 16_384;

const ackParams = z.object({ token: z.string().describe('The signed token from the message') });
const ackPage = (description: string) => ({ description, contentType: 'text/html', schema: z.string() });
const RATE_LIMITED = { description: 'Too many requests from this address; `Retry-After` says when to try again (an HTML page)' };

/**
 * One-click acknowledgement from a message. GET only shows a confirmation page with a note field
 * (mail scanners prefetch links, so a GET must change nothing); the form's POST acknowledges. The
 * signed token names the episode and the recipient; no API key is needed. Links an admin revoked
 * are refused (403), and requests are rate-limited per client address (PUBLIC_API_RATE_LIMIT_PER_MINUTE).
 */
@Controller('v1/ack')
@Public()
@UseGuards(PublicRateLimitGuard)
@UseFilters(AckLinkRateLimitFilter)
export class AckLinkController {
  constructor(
    private readonly showAckLink: ShowAckLink,
    private readonly acknowledgeByLink: AcknowledgeByLink,
  ) {}

  @Get(':token')
  @ApiDoc({
    summary: 'Acknowledgement page of a signed link (changes nothing)',
    params: ackParams,
    responses: {
      200: ackPage('The confirmation form, or what became of the episode'),
      403: { description: 'Expired, invalid or revoked link (an HTML page)' },
      404: { description: 'No such episode (an HTML page)' },
      429: RATE_LIMITED,
    },
  })
  async page(@Param('token') token: string, @Res() response: Response): Promise<void> {
    send(response, ackLinkPage(await this.showAckLink.run(token), 'shown'));
  }

  @Post(':token')
  @ApiDoc({
    summary: 'Acknowledge the episode of a signed link',
    params: ackParams,
    body: [
      {
        contentType: 'application/x-www-form-urlencoded',
        schema: z.object({ by: z.string().max(200).optional(), note: z.string().min(3).max(2000) }),
        description: 'The confirmation form',
      },
    ],
    responses: {
      200: ackPage('Acknowledged'),
      403: { description: 'Expired, invalid or revoked link (an HTML page)' },
      404: { description: 'No such episode (an HTML page)' },
      409: { description: 'Already acknowledged, or over: nothing was changed (an HTML page)' },
      422: { description: 'The note is missing (an HTML page)' },
      429: RATE_LIMITED,
    },
  })
  async acknowledge(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const form = await readForm(request);
    const outcome = await this.acknowledgeByLink.run(token, { by: form.get('by') ?? undefined, note: form.get('note') ?? undefined });
    send(response, ackLinkPage(outcome, 'submitted'));
  }
}

/** The form body (application/x-www-form-urlencoded), read from the request stream (no global form parser is registered). */
async function readForm(request: Request): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) break;
  }
  return new URLSearchParams(body);
}

function send(response: Response, page: ReturnType<typeof ackLinkPage>): void {
  response.status(page.status).type('html').send(ackLinkDocument(page));
}
