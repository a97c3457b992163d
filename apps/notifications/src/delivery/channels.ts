import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DELIVERY_ID_HEADER, EVENT_TYPE_HEADER, GoalTransition, SIGNATURE_HEADER, signWebhook } from '@pejling/contracts';
import { SERVICE_ENV } from '@pejling/platform';
import { renderEmail, renderWebhookBody } from '../alerts/alert-message';
import { NotificationsEnv } from '../notifications.env';

export interface DeliveryTarget {
  deliveryId: string;
  channel: 'email' | 'webhook';
  target: string;
  eventType: string;
  eventId: string;
  alert: GoalTransition;
}

/** Sends one delivery over its channel; throws on any failure so the queue retries it. Returns what the far end said. */
@Injectable()
export class Channels implements OnModuleDestroy {
  private readonly mailer: Transporter;

  constructor(@Inject(SERVICE_ENV) private readonly env: NotificationsEnv) {
    this.mailer = createTransport(env.SMTP_URL);
  }

  send(delivery: DeliveryTarget): Promise<string> {
    return delivery.channel === 'email' ? this.sendEmail(delivery) : this.sendWebhook(delivery);
  }

  onModuleDestroy(): void {
    this.mailer.close();
  }

  private async sendEmail({ target, alert, deliveryId }: DeliveryTarget): Promise<string> {
    const content = renderEmail(alert);
    const info = await this.mailer.sendMail({
      from: this.env.ALERT_EMAIL_FROM,
      to: target,
      subject: content.subject,
      text: content.text,
      html: content.html,
      // A stable Message-ID lets mail systems collapse a re-sent duplicate.
      messageId: `<${deliveryId}@pejling>`,
      headers: { 'X-Pejling-Delivery-Id': deliveryId, 'X-Pejling-Goal-Id': alert.goalId },
    });
    return `SMTP ${info.response}`;
  }

  private async sendWebhook({ target, alert, deliveryId, eventType, eventId }: DeliveryTarget): Promise<string> {
    const body = renderWebhookBody(deliveryId, eventType, eventId, alert);
    const signature = signWebhook(this.env.WEBHOOK_SIGNING_SECRET, body, Math.floor(Date.now() / 1000));
    const response = await fetch(target, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Pejling-Webhooks/1',
        [SIGNATURE_HEADER]: signature,
        [DELIVERY_ID_HEADER]: deliveryId,
        [EVENT_TYPE_HEADER]: eventType,
      },
      body,
    });
    const detail = `HTTP ${response.status}`;
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered ${detail}`);
    return detail;
  }
}
