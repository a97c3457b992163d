import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { escapeHtml } from '@pejling/domain-alerting';
import { ApiDoc, Public, SERVICE_ENV } from '@pejling/platform';
import { Clock } from '../clock';
import { Acknowledgements } from '../episodes/acknowledgements';
import { NotificationsEnv } from '../notifications.env';
import { verifyAckToken } from '../signing/ack-token';
import { FindAckLinkEpisode } from './find-ack-link-episode.use-case';
import { z } from 'zod';

const MAX_FORM_BYTES = 16_384;

const ackParams = z.object({ token: z.string().describe('The signed token from the message') });
const ackPage = (description: string) => ({ description, contentType: 'text/html', schema: z.string() });

/**
 * One-click acknowledgement from a message. GET only shows a confirmation page with a note field
 * (mail scanners prefetch links, so a GET must change nothing); the form's POST acknowledges. The
 * signed token names the episode and the recipient; no API key is needed.
 */
@Controller('v1/ack')
@Public()
export class AckLinkController {
  constructor(
    private readonly findEpisode: FindAckLinkEpisode,
    private readonly acknowledgements: Acknowledgements,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  @Get(':token')
  @ApiDoc({
    summary: 'Acknowledgement page of a signed link (changes nothing)',
    params: ackParams,
    responses: {
      200: ackPage('The confirmation form, or what became of the episode'),
      403: { description: 'Expired or invalid link (an HTML page)' },
      404: { description: 'No such episode (an HTML page)' },
    },
  })
  async page(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const check = verifyAckToken(this.env.ACK_LINK_SECRET, token, Math.floor(this.clock.now().getTime() / 1000));
    if (!check.ok)
      return void send(
        response,
        403,
        'Linket virker ikke',
        `Linket er ${check.reason === 'expired' ? 'udløbet' : 'ugyldigt'}. / The link is ${check.reason === 'expired' ? 'expired' : 'invalid'}.`,
      );
    const episode = await this.findEpisode.run(check.claims.episodeId);
    if (!episode) return void send(response, 404, 'Ukendt sag', 'Sagen findes ikke. / No such episode.');
    if (episode.status !== 'open') {
      const said =
        episode.status === 'acknowledged'
          ? `Allerede kvitteret af ${episode.acknowledgedBy}: “${episode.acknowledgementNote}”`
          : 'Målet er opfyldt igen; der er intet at kvittere for.';
      return void send(response, 200, escapeHtml(episode.goalName ?? ''), escapeHtml(said));
    }
    send(
      response,
      200,
      `Kvittér: ${escapeHtml(episode.goalName ?? '')}`,
      `<form method="post">
<p><label>Hvem følger op? / Who is on it?<br><input name="by" value="${escapeHtml(check.claims.recipientName)}" required maxlength="200" style="width:100%"></label></p>
<p><label>Hvad gøres der? / What is being done?<br><textarea name="note" required minlength="3" maxlength="2000" rows="5" style="width:100%"></textarea></label></p>
<p><button type="submit">Kvittér / Acknowledge</button></p></form>`,
    );
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
      403: { description: 'Expired or invalid link (an HTML page)' },
      422: { description: 'The note is missing (an HTML page)' },
    },
  })
  async acknowledge(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const check = verifyAckToken(this.env.ACK_LINK_SECRET, token, Math.floor(this.clock.now().getTime() / 1000));
    if (!check.ok) return void send(response, 403, 'Linket virker ikke', `The link is ${check.reason}.`);
    const form = await readForm(request);
    const by = (form.get('by') ?? '').trim() || check.claims.recipientName;
    const note = (form.get('note') ?? '').trim();
    if (note.length < 3)
      return void send(
        response,
        422,
        'Mangler en note',
        'Skriv hvad der gøres (mindst 3 tegn). / Say what is being done (at least 3 characters).',
      );
    try {
      await this.acknowledgements.acknowledge(
        check.claims.episodeId,
        { by: by.slice(0, 200), note: note.slice(0, 2000), via: 'link', recipientKey: check.claims.recipientKey },
        this.clock.now(),
      );
    } catch (error) {
      const status = (error as { getStatus?: () => number }).getStatus?.() ?? 500;
      return void send(response, status, 'Ikke kvitteret', escapeHtml((error as Error).message));
    }
    send(
      response,
      200,
      'Tak – kvitteret',
      'Påmindelserne er stoppet, og de andre modtagere får besked. / Reminders stopped; the other recipients are told.',
    );
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

function send(response: Response, status: number, heading: string, html: string): void {
  response.status(status).type('html')
    .send(`<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Pejling</title></head>
<body style="font-family:Arial,sans-serif;max-width:560px;margin:40px auto"><h2>${heading}</h2>${html.startsWith('<') ? html : `<p>${html}</p>`}</body></html>`);
}
