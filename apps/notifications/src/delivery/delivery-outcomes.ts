import { Inject, Injectable } from '@nestjs/common';
import { createEvent, NATIONAL_KEY } from '@pejling/contracts';
import { scrubText } from '@pejling/domain-kernel';
import { SERVICE_ENV, Transactions, UnitOfWork } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { QueuedDelivery } from '../persistence/delivery-planner';
import { RecipientPlanner } from '../persistence/recipient-planner';
import { AttemptOutcome, deliveryRefs, DeliveryRow, markDelivered, markUndelivered, recordAttempt } from './deliveries.repository';
import { disableEndpoint } from './disabled-endpoints.repository';

/** Records what became of a delivery attempt, with the events operators and integrators are told. */
@Injectable()
export class DeliveryOutcomes {
  constructor(
    private readonly transactions: Transactions,
    private readonly planner: RecipientPlanner,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  /** `manager`: the transaction's of the caller. */
  attempt(
    manager: UnitOfWork['manager'],
    deliveryId: string,
    attempt: number,
    startedAt: Date,
    outcome: AttemptOutcome,
    detail: string,
  ): Promise<void> {
    return recordAttempt(manager, { deliveryId, attempt, startedAt, outcome, detail });
  }

  delivered(delivery: DeliveryRow, attempt: number, startedAt: Date, detail: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      await this.attempt(manager, delivery.id, attempt, startedAt, 'success', detail);
      await markDelivered(manager, delivery.id);
    });
  }

  retrying(delivery: DeliveryRow, attempt: number, startedAt: Date, reason: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      await this.attempt(manager, delivery.id, attempt, startedAt, 'failure', reason);
      await markUndelivered(manager, delivery.id, 'retrying', reason.slice(0, 2000));
    });
  }

  skipped(delivery: DeliveryRow, attempt: number, startedAt: Date, reason: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      await this.attempt(manager, delivery.id, attempt, startedAt, 'skipped', reason);
      await markUndelivered(manager, delivery.id, 'skipped', reason.slice(0, 2000));
    });
  }

  /** Dead-lettered: no further attempts; visible at GET /v1/deliveries?status=dead and published as notification.delivery-failed. */
  dead(delivery: DeliveryRow, attempt: number, startedAt: Date, outcome: 'failure' | 'refused', reason: string): Promise<void> {
    return this.transactions.run(async (unit) => {
      await this.attempt(unit.manager, delivery.id, attempt, startedAt, outcome, reason);
      await markUndelivered(unit.manager, delivery.id, 'dead', reason.slice(0, 2000));
      const refs = await deliveryRefs(unit.manager, delivery.id);
      unit.publish(
        createEvent(
          'notification.delivery-failed',
          {
            deliveryId: delivery.id,
            channel: delivery.channel,
            recipient: publicRecipientKey(delivery.recipient?.key),
            attempts: attempt,
            // The public topic gets the reason without URLs' paths or addresses (an SMTP error names the mailbox).
            reason: scrubText(reason).slice(0, 2000) || 'failed',
            goalIds: refs.goals,
            episodeIds: refs.episodes,
          },
          { source: 'pejling/notifications', municipality: delivery.municipality ?? NATIONAL_KEY },
        ),
      );
    });
  }

  /**
   * A 410 Gone: the endpoint is disabled (later deliveries to it are skipped), the delivery is dead,
   * `notification.endpoint-disabled` is published, and the recipient is told on their other channels.
   */
  async endpointGone(delivery: DeliveryRow, attempt: number, startedAt: Date, status: number): Promise<QueuedDelivery[]> {
    const endpoint = hostOf(delivery.target);
    return this.transactions.run(async (unit) => {
      const reason = `HTTP ${status} Gone: the endpoint is disabled`;
      await this.attempt(unit.manager, delivery.id, attempt, startedAt, 'failure', reason);
      await markUndelivered(unit.manager, delivery.id, 'dead', reason);
      const disabled = await disableEndpoint(unit.manager, {
        endpointKey: delivery.endpoint_key,
        channel: delivery.channel,
        target: delivery.target,
        statusCode: status,
        reason,
        deliveryId: delivery.id,
        recipientKey: delivery.recipient?.key ?? 'unknown',
      });
      if (!disabled || !delivery.recipient || !delivery.endpoint_key) return [];
      const recipientKey = delivery.recipient.key;
      unit.publish(
        createEvent(
          'notification.endpoint-disabled',
          {
            endpointKey: delivery.endpoint_key,
            channel: delivery.channel,
            endpoint,
            recipient: publicRecipientKey(recipientKey),
            statusCode: status,
            deliveryId: delivery.id,
          },
          { source: 'pejling/notifications', municipality: delivery.municipality ?? NATIONAL_KEY },
        ),
      );
      const others = {
        ...delivery.recipient,
        channels: delivery.recipient.channels.filter(
          (channel) => !(channel.type === delivery.channel && channel.target === delivery.target),
        ),
      };
      return this.planner.plan(unit.manager, [others], {
        subjectId: delivery.endpoint_key,
        step: 'endpoint-disabled',
        alertId: null,
        episodeId: null,
        municipality: delivery.municipality ?? NATIONAL_KEY,
        details: { endpoint, channel: delivery.channel, statusCode: status, municipality: delivery.municipality ?? NATIONAL_KEY },
      });
    });
  }

  get maxAttempts(): number {
    return this.env.DELIVERY_MAX_ATTEMPTS;
  }
}

/** A recipient key as public events carry it: ids only (keys of owners from before ids held their name). */
export function publicRecipientKey(key: string | undefined): string {
  if (!key || key.startsWith('owner-name:')) return 'unknown';
  return key;
}

/** Teams and Slack webhook URLs carry their secret in the path: only the scheme and host travel on. */
export function hostOf(target: string): string {
  try {
    const url = new URL(target);
    return `${url.protocol}//${url.host}`;
  } catch {
    return target.includes('@') ? target.replace(/^[^@]*/, '…') : target;
  }
}
