import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DELIVERY_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhook } from '@pejling/contracts';
import { ChannelKind, NotificationItem, Recipient, renderEmail, renderSlack, renderTeams, RenderOptions } from '@pejling/domain-alerting';
import { SERVICE_ENV } from '@pejling/platform';
import { EndpointSigner } from '../endpoints/endpoint-signer';
import { NotificationsEnv } from '../notifications.env';
import { postWebhook } from './guarded-http';
import { trendChartPng } from './png';

/** A webhook's answer that means "never again": the endpoint is disabled. */
export class GoneError extends Error {
  override name = 'GoneError';
  constructor(readonly status: number) {
    super(`webhook answered HTTP ${status} Gone`);
  }
}

export interface OutgoingMessage {
  deliveryId: string;
  channel: ChannelKind;
  target: string;
  recipient: Recipient;
  items: NotificationItem[];
  /** The generic webhook body (one item per delivery), built by the caller. */
  webhookBody?: { type: string; body: object };
  digest?: RenderOptions['digest'];
}

/** Sends one message over its channel; throws on failure so the queue retries. Returns what the far end said. */
@Injectable()
export class Channels implements OnModuleDestroy {
  private readonly mailer: Transporter;

  constructor(
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
    private readonly signer: EndpointSigner,
  ) {
    this.mailer = createTransport({
      url: env.SMTP_URL,
      pool: true,
      maxConnections: Math.min(env.DELIVERY_CONCURRENCY, 10),
      connectionTimeout: env.SMTP_TIMEOUT_MS,
      greetingTimeout: env.SMTP_TIMEOUT_MS,
      socketTimeout: env.SMTP_TIMEOUT_MS,
    });
  }

  send(message: OutgoingMessage): Promise<string> {
    switch (message.channel) {
      case 'email':
        return this.sendEmail(message);
      case 'teams':
        return this.post(message, 'pejling.teams-card', renderTeams(message.items, this.options(message)));
      case 'slack':
        return this.post(message, 'pejling.slack-message', renderSlack(message.items, this.options(message)));
      case 'webhook':
        return this.post(message, message.webhookBody?.type ?? 'pejling.notification', message.webhookBody?.body ?? {});
    }
  }

  /** A plain service notice by email (e.g. to a subscription's contact when it is disabled). */
  async sendNotice(to: string, subject: string, text: string): Promise<string> {
    const info = await this.mailer.sendMail({
      from: this.env.ALERT_EMAIL_FROM,
      to,
      subject,
      text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return `SMTP ${info.response}`;
  }

  onModuleDestroy(): void {
    this.mailer.close();
  }

  private options(message: OutgoingMessage): RenderOptions {
    return {
      language: message.recipient.language,
      timeZone: message.recipient.timeZone,
      ...(message.digest ? { digest: message.digest } : {}),
    };
  }

  private async sendEmail(message: OutgoingMessage): Promise<string> {
    const email = renderEmail(message.items, this.options(message));
    const goalIds = [...new Set(message.items.flatMap((item) => (item.goal ? [item.goal.id] : [])))];
    const episodeIds = [...new Set(message.items.flatMap((item) => (item.episode ? [item.episode.id] : [])))];
    const info = await this.mailer.sendMail({
      from: this.env.ALERT_EMAIL_FROM,
      to: message.target,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.charts.map((chart, index) => ({
        filename: `trend-${index + 1}.png`,
        content: trendChartPng(chart.values, chart.tone),
        cid: chart.cid,
        contentType: 'image/png',
      })),
      // The delivery id is the Message-ID: a message re-sent after a crash carries the same one, so mail systems can collapse it.
      messageId: `<${message.deliveryId}@pejling>`,
      headers: {
        'X-Pejling-Delivery-Id': message.deliveryId,
        'X-Pejling-Goal-Ids': goalIds.join(','),
        'X-Pejling-Episode-Ids': episodeIds.join(','),
        'Auto-Submitted': 'auto-generated',
      },
    });
    return `SMTP ${info.response}`;
  }

  private async post(message: OutgoingMessage, eventType: string, payload: object): Promise<string> {
    const body = JSON.stringify(payload);
    // A generic webhook is signed with its endpoint's own secrets (Standard Webhooks); Teams and Slack do not verify signatures and keep the global one.
    const signatures =
      message.channel === 'webhook'
        ? await this.signer.headersFor(message.target, message.deliveryId, body)
        : { [SIGNATURE_HEADER]: signWebhook(this.env.WEBHOOK_SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) };
    const { status } = await postWebhook(message.target, body, {
      timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
      allowPrivateTargets: this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Pejling-Webhooks/2',
        ...signatures,
        [DELIVERY_ID_HEADER]: message.deliveryId,
        [EVENT_TYPE_HEADER]: eventType,
      },
    });
    if (status === 410) throw new GoneError(status);
    if (status < 200 || status >= 300) throw new Error(`webhook answered HTTP ${status}`);
    return `HTTP ${status}`;
  }
}
