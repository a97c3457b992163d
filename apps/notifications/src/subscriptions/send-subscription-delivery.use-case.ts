import { Inject, Injectable, Logger } from '@nestjs/common';
import { createEvent, NATIONAL_KEY } from '@pejling/contracts';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { Channels } from '../delivery/channels';
import { inDoubtAfter, mayRetry } from '../delivery/delivery-jobs';
import { isRefusedTarget, postWebhook } from '../delivery/guarded-http';
import { NotificationsEnv } from '../notifications.env';
import { SigningSecrets } from '../signing/signing-secrets.repository';
import { standardWebhookHeaders } from '../signing/standard-webhooks';
import { cloudEventHeaders } from './cloudevent-headers';
import { findPublicEvent } from './public-events.repository';
import { SubscriptionDeliveriesRepository, SubscriptionAttemptOutcome } from './subscription-deliveries.repository';
import { Subscription, SubscriptionsRepository } from './subscriptions.repository';

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`webhook answered HTTP ${status}`);
  }
}

/** The URL cut to its origin, for events and emails (a path may carry a token). */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Sends one subscription delivery (one attempt): the event's payload as the body, CloudEvents
 * binary-mode headers, and Standard Webhooks headers signed with every valid secret of the
 * subscription. Every attempt is logged; a run of SUBSCRIPTION_MAX_FAILURES failed attempts in a
 * row disables the subscription, publishes `notification.subscription-disabled` and emails its contact.
 */
@Injectable()
export class SendSubscriptionDelivery {
  private readonly logger = new Logger(SendSubscriptionDelivery.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: SubscriptionDeliveriesRepository,
    private readonly secrets: SigningSecrets,
    private readonly channels: Channels,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  /** How long a send may take before a `sending` delivery is taken to belong to a dead process. */
  get inDoubtAfterMs(): number {
    return inDoubtAfter(this.env.WEBHOOK_TIMEOUT_MS);
  }

  async run(deliveryId: string): Promise<void> {
    // Write-ahead: the claim commits in its own transaction before anything is sent.
    const claimed = await this.transactions.run(({ manager }) => this.deliveries.claim(manager, deliveryId, this.inDoubtAfterMs));
    if (!claimed) return; // delivered, dead, skipped, deleted, or being sent by another worker
    const startedAt = new Date();
    const attempt = claimed.attempts;
    const { subscription, event } = await this.transactions.run(async ({ manager }) => ({
      subscription: await this.subscriptions.find(manager, claimed.subscriptionId),
      event: await findPublicEvent(manager, claimed.eventId),
    }));
    if (!subscription || !event) return;
    if (subscription.status === 'disabled') {
      const detail = `subscription disabled: ${subscription.disabledReason ?? ''}`;
      return this.transactions.run(({ manager }) =>
        this.deliveries.record(manager, deliveryId, { attempt, startedAt, outcome: 'skipped', statusCode: null, detail }, 'skipped'),
      );
    }
    const body = JSON.stringify(event.payload);
    const signingSecrets = await this.transactions.run(({ manager }) =>
      this.secrets.valid(manager, { subscriptionId: subscription.id }, this.clock.now()),
    );
    try {
      const { status } = await postWebhook(subscription.url, body, {
        timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
        allowPrivateTargets: this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
        headers: {
          ...cloudEventHeaders(event, this.env.EVENT_SCHEMA_BASE_URL),
          ...standardWebhookHeaders(signingSecrets, deliveryId, this.clock.now(), body),
          'user-agent': 'Pejling-Webhooks/2',
        },
      });
      if (status < 200 || status >= 300) throw new HttpStatusError(status);
      await this.transactions.run(async ({ manager: tx }) => {
        await this.deliveries.record(
          tx,
          deliveryId,
          { attempt, startedAt, outcome: 'success', statusCode: status, detail: `HTTP ${status}` },
          'delivered',
        );
        await this.subscriptions.resetFailures(tx, subscription.id);
      });
    } catch (error) {
      return this.failed(subscription, deliveryId, attempt, startedAt, error as Error);
    }
  }

  private async failed(subscription: Subscription, deliveryId: string, attempt: number, startedAt: Date, error: Error): Promise<void> {
    const refused = isRefusedTarget(error);
    const outcome: SubscriptionAttemptOutcome = refused ? 'refused' : 'failure';
    const statusCode = error instanceof HttpStatusError ? error.status : null;
    const { disabled, retry } = await this.transactions.run(async (unit) => {
      const failures = await this.subscriptions.countFailure(unit.manager, subscription.id);
      const disabledNow =
        failures >= this.env.SUBSCRIPTION_MAX_FAILURES &&
        (await this.subscriptions.disable(
          unit.manager,
          subscription.id,
          `${failures} failed attempts in a row; last: ${error.message}`,
          this.clock.now(),
        ));
      const retryLater = !refused && !disabledNow && mayRetry(attempt, this.env.DELIVERY_MAX_ATTEMPTS);
      await this.deliveries.record(
        unit.manager,
        deliveryId,
        { attempt, startedAt, outcome, statusCode, detail: error.message },
        retryLater ? 'retrying' : 'dead',
      );
      if (disabledNow) {
        unit.publish(
          createEvent(
            'notification.subscription-disabled',
            {
              subscriptionId: subscription.id,
              description: subscription.description,
              endpoint: originOf(subscription.url),
              consecutiveFailures: failures,
              lastError: error.message.slice(0, 2000),
              disabledAt: this.clock.now().toISOString(),
            },
            { source: 'pejling/notifications', municipality: NATIONAL_KEY },
          ),
        );
      }
      return { disabled: disabledNow ? failures : 0, retry: retryLater };
    });
    this.logger.warn(
      { deliveryId, subscriptionId: subscription.id, attempt, reason: error.message, retry },
      'subscription delivery attempt failed',
    );
    if (disabled > 0) await this.tellContact(subscription, disabled, error.message);
    if (retry) throw error;
  }

  /** After the commit: a lost notice must not undo the disabling (it is logged; the event was published). */
  private async tellContact(subscription: Subscription, failures: number, reason: string): Promise<void> {
    this.logger.warn({ subscriptionId: subscription.id, failures }, 'subscription disabled after a run of failures');
    if (!subscription.contactEmail) return;
    try {
      await this.channels.sendNotice(
        subscription.contactEmail,
        `Pejling webhook subscription disabled: ${subscription.description}`,
        [
          `Your Pejling webhook subscription "${subscription.description}" (${subscription.id}) to ${originOf(subscription.url)} was disabled after ${failures} failed delivery attempts in a row.`,
          `Last error: ${reason}`,
          '',
          `When the receiver works again, enable it with PATCH /v1/subscriptions/${subscription.id} {"enabled": true}, and fetch what it missed with POST /v1/subscriptions/${subscription.id}/replay {"since": "<time>"}.`,
          `The delivery log: GET /v1/subscriptions/${subscription.id}/deliveries`,
        ].join('\n'),
      );
    } catch (error) {
      this.logger.error({ subscriptionId: subscription.id, err: error }, 'the notice of a disabled subscription could not be emailed');
    }
  }
}
