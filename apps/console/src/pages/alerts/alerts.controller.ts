import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ServiceRejection } from '../../services/service-errors';
import { ServicesClient } from '../../services/services-client';
import { RequireRole } from '../../web/access';
import { optionalText, parseForm, safeNext } from '../../web/form';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { signedIn } from '../../web/signed-in';
import { ConsoleRequest } from '../../web/viewer';
import { episodeSchema } from '../../services/goals-responses';
import { AcknowledgeEpisode } from './acknowledge-episode.use-case';
import { ALERTS_TEXTS } from './alerts.texts';
import { CreateSilence } from './create-silence.use-case';
import { EndSilence } from './end-silence.use-case';
import { LoadAlerts } from './load-alerts.use-case';
import { RevokeAckLinks } from './revoke-ack-links.use-case';

const NOTICES = {
  acknowledged: 'acknowledgedDone',
  'silence-created': 'created',
  'silence-ended': 'ended',
  'links-revoked': 'linksRevoked',
} as const;

/** Page 3: alerts (open episodes, acknowledge with a note, silences from an episode, end a silence, revoke an episode's links). */
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly services: ServicesClient,
    private readonly loadAlerts: LoadAlerts,
    private readonly acknowledge: AcknowledgeEpisode,
    private readonly createSilence: CreateSilence,
    private readonly endSilence: EndSilence,
    private readonly revokeAckLinks: RevokeAckLinks,
  ) {}

  @Get()
  async page(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    const texts = ALERTS_TEXTS[languageOf(request)];
    const view = await this.loadAlerts.execute(signedIn(request));
    const noticeKey = NOTICES[notice as keyof typeof NOTICES];
    this.pages.send(
      request,
      response,
      'pages/alerts/alerts',
      { texts, ...view, notice: noticeKey ? texts[noticeKey] : undefined, ackErrors: {} },
      { title: texts.title, nav: 'alerts' },
    );
  }

  @Post('episodes/:id/acknowledge')
  @RequireRole('operator')
  async acknowledgeEpisode(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const texts = ALERTS_TEXTS[languageOf(request)];
    const form = parseForm(
      // An unticked checkbox sends nothing: not public.
      z.object({
        note: z.string({ error: texts.noteRequired }).trim().min(3, texts.noteRequired).max(2000),
        public: z.enum(['true']).optional(),
        back: z.string().optional(),
      }),
      body,
    );
    const back = safeNext((body as { back?: unknown } | undefined)?.back ?? '/alerts');
    if (!form.ok) {
      // Shown next to the episode's own note field, with the summary at the top.
      const view = await this.loadAlerts.execute(signedIn(request));
      return this.pages.send(
        request,
        response,
        'pages/alerts/alerts',
        {
          texts,
          ...view,
          ackErrors: { [id]: form.errors.note ?? texts.noteRequired },
          errors: { [`note-${id}`]: form.errors.note ?? texts.noteRequired },
        },
        { title: texts.title, nav: 'alerts', status: 422 },
      );
    }
    await this.acknowledge.execute(signedIn(request), id, form.data.note, form.data.public === 'true');
    response.redirect(303, withNotice(back, 'acknowledged'));
  }

  /** The acknowledgement links already sent for the episode stop working (e.g. a mail forwarded to the wrong person). */
  @Post('episodes/:id/revoke-links')
  @RequireRole('admin')
  async revokeLinks(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    // The service checks the reason (3–1000 characters) and its refusal is shown as the service wrote it.
    const form = parseForm(z.object({ reason: optionalText }), body);
    await this.revokeAckLinks.execute(signedIn(request), id, form.ok ? form.data.reason : undefined);
    response.redirect(303, '/alerts?notice=links-revoked');
  }

  @Get('episodes/:id/silence')
  @RequireRole('operator')
  async silenceForm(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const texts = ALERTS_TEXTS[languageOf(request)];
    const episode = await this.services
      .forUser(signedIn(request))
      .get('notifications', `/v1/episodes/${encodeURIComponent(id)}`, episodeSchema);
    const values = {
      goalId: episode.goalId ?? '',
      planId: episode.planId ?? '',
      municipality: episode.municipality ?? '',
      endsAt: defaultEnd(),
      reason: '',
    };
    this.pages.send(
      request,
      response,
      'pages/alerts/silence-form',
      { texts, episode, values, use: { goalId: !!episode.goalId, planId: false, municipality: true }, errors: {} },
      { title: texts.silenceTitle, nav: 'alerts' },
    );
  }

  @Post('silences')
  @RequireRole('operator')
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = ALERTS_TEXTS[languageOf(request)];
    const schema = z.object({
      episodeId: z.string(),
      goalId: optionalText,
      planId: optionalText,
      municipality: optionalText,
      useGoalId: optionalText,
      usePlanId: optionalText,
      useMunicipality: optionalText,
      endsAt: z.string({ error: texts.endsAtRequired }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, texts.endsAtRequired),
      reason: z.string({ error: texts.reasonRequired }).trim().min(3, texts.reasonRequired).max(1000),
    });
    const form = parseForm(schema, body);
    const raw = (body ?? {}) as Record<string, string | undefined>;
    const rerender = async (errors: Record<string, string>) => {
      const episode = await this.services
        .forUser(signedIn(request))
        .get('notifications', `/v1/episodes/${encodeURIComponent(raw.episodeId ?? '')}`, episodeSchema);
      const use = { goalId: !!raw.useGoalId, planId: !!raw.usePlanId, municipality: !!raw.useMunicipality };
      this.pages.send(
        request,
        response,
        'pages/alerts/silence-form',
        { texts, episode, values: raw, use, errors },
        { title: texts.silenceTitle, nav: 'alerts', status: 422 },
      );
    };
    if (!form.ok) return rerender(form.errors);
    const matchers = {
      goalId: form.data.useGoalId ? form.data.goalId : undefined,
      planId: form.data.usePlanId ? form.data.planId : undefined,
      municipality: form.data.useMunicipality ? form.data.municipality : undefined,
    };
    try {
      await this.createSilence.execute(signedIn(request), { matchers, endsAt: form.data.endsAt, reason: form.data.reason });
    } catch (error) {
      // The service's own field errors (endsAt in the past, no matcher, out of scope) go next to the fields.
      if (error instanceof ServiceRejection && error.status === 422) return rerender(fieldErrors(error, texts));
      throw error;
    }
    response.redirect(303, '/alerts?notice=silence-created');
  }

  @Post('silences/:id/end')
  @RequireRole('operator')
  async end(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    await this.endSilence.execute(signedIn(request), id);
    response.redirect(303, '/alerts?notice=silence-ended');
  }
}

function withNotice(path: string, notice: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}notice=${notice}`;
}

/** A week from now, as a local date-time for the form's default. */
function defaultEnd(): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(Date.now() + 7 * 86_400_000));
  return parts.replace(' ', 'T');
}

function fieldErrors(error: ServiceRejection, texts: (typeof ALERTS_TEXTS)['da']): Record<string, string> {
  const labels: Record<string, string> = { endsAt: texts.endsAt, reason: texts.reason, matchers: texts.matchers };
  const errors: Record<string, string> = {};
  for (const problem of error.errors) {
    const field = (problem.field ?? problem.path ?? 'form').split('.')[0];
    errors[field in labels ? field : 'form'] =
      `${labels[field] ?? ''}${labels[field] ? ': ' : ''}${problem.reason ?? problem.message ?? error.message}`;
  }
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}
