import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createEvent, NATIONAL_KEY } from '@pejling/contracts';
import { scrubText } from '@pejling/domain-kernel';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { QueuedDelivery } from '../persistence/delivery-planner';
import { RecipientPlanner } from '../persistence/recipient-planner';
import { DeliveryRow } from './message-assembler';

export type AttemptOutcome = 'success' | 'failure' | 'in-doubt' | 'refused' | 'skipped';

/** Records what became of a delivery attempt, with the events operators and integrators are told. */
@Injectable()
export class DeliveryOutcomes {
  constructor(
    private readonly transactions: Transactions,
    private readonly planner: RecipientPlanner,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async attempt(manager: EntityManager, deliveryId: string, attempt: number, startedAt: Date, outcome: AttemptOutcome, detail: string): Promise<void> {
    await manager.query(`INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, detail) VALUES ($1, $2, $3, now(), $4, $5)`, [
      deliveryId,
      attempt,
      startedAt,
      outcome,
      detail.slice(0, 2000),
    ]);
  }

  delivered(delivery: DeliveryRow, attempt: number, startedAt: Date, detail: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      await this.attempt(manager, delivery.id, attempt, startedAt, 'success', detail);
      await manager.query(`UPDATE deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`, [delivery.id]);
    });
  }

  retrying(delivery: DeliveryRow, attempt: number, startedAt: Date, reason: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      await this.attempt(manager, delivery.id, attempt, startedAt, 'failure', reason);
      await manager.query(`UPDATE deliveries SET status = 'retrying', last_error = $2 WHERE id = $1`, [delivery.id, reason.slice(0, 2000)]);
    });
  }

  skipped(delivery: DeliveryRow, attempt: number, startedAt: Date, reason: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      await this.attempt(manager, delivery.id, attempt, startedAt, 'skipped', reason);
      await manager.query(`UPDATE deliveries SET status = 'skipped', last_error = $2 WHERE id = $1`, [delivery.id, reason.slice(0, 2000)]);
    });
  }

  /** Dead-lettered: no further attempts; visible at GET /v1/deliveries?status=dead and published as notification.delivery-failed. */
  dead(delivery: DeliveryRow, attempt: number, startedAt: Date, outcome: 'failure' | 'refused', reason: string): Promise<void> {
    return this.transactions.run(async (unit) => {
      await this.attempt(unit.manager, delivery.id, attempt, startedAt, outcome, reason);
      await unit.manager.query(`UPDATE deliveries SET status = 'dead', last_error = $2 WHERE id = $1`, [delivery.id, reason.slice(0, 2000)]);
      const [refs] = await unit.manager.query(
        `SELECT COALESCE(array_agg(DISTINCT a.goal_id) FILTER (WHERE a.goal_id IS NOT NULL), '{}') AS goals,
                COALESCE(array_agg(DISTINCT i.episode_id) FILTER (WHERE i.episode_id IS NOT NULL), '{}') AS episodes
           FROM notification_items i LEFT JOIN alerts a ON a.id = i.alert_id WHERE i.delivery_id = $1`,
        [delivery.id],
      );
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
      await unit.manager.query(`UPDATE deliveries SET status = 'dead', last_error = $2 WHERE id = $1`, [delivery.id, reason]);
      const inserted = await unit.manager.query(
        `INSERT INTO disabled_endpoints (endpoint_key, channel, target, status_code, reason, delivery_id, recipient_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (endpoint_key) DO NOTHING RETURNING endpoint_key`,
        [delivery.endpoint_key, delivery.channel, delivery.target, status, reason, delivery.id, delivery.recipient?.key ?? 'unknown'],
      );
      if (inserted.length === 0 || !delivery.recipient || !delivery.endpoint_key) return [];
      const recipientKey = delivery.recipient.key;
      unit.publish(
        createEvent(
          'notification.endpoint-disabled',
          { endpointKey: delivery.endpoint_key, channel: delivery.channel, endpoint, recipient: publicRecipientKey(recipientKey), statusCode: status, deliveryId: delivery.id },
          { source: 'pejling/notifications', municipality: delivery.municipality ?? NATIONAL_KEY },
        ),
      );
      const others = { ...delivery.recipient, channels: delivery.recipient.channels.filter((channel) => !(channel.type === delivery.channel && channel.target === delivery.target)) };
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
