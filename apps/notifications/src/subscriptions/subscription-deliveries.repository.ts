import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

export type SubscriptionAttemptOutcome = 'success' | 'failure' | 'refused' | 'skipped';

const attemptRow = z.object({
  attempt: z.number().int(),
  startedAt: z.date(),
  finishedAt: z.date(),
  outcome: z.string(),
  statusCode: z.number().int().nullable(),
  detail: z.string(),
});
const deliveryRow = z.object({
  id: z.string().uuid(),
  subscriptionId: z.string().uuid(),
  eventId: z.string().uuid(),
  eventType: z.string(),
  replay: z.boolean(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  attemptLog: z
    .array(
      z.object({
        attempt: z.number().int(),
        startedAt: z.string(),
        finishedAt: z.string(),
        outcome: z.string(),
        statusCode: z.number().int().nullable(),
        detail: z.string(),
      }),
    )
    .transform((log) =>
      log.map((entry) => attemptRow.parse({ ...entry, startedAt: new Date(entry.startedAt), finishedAt: new Date(entry.finishedAt) })),
    ),
});
export type SubscriptionDelivery = z.infer<typeof deliveryRow>;

/** The delivery log of subscriptions: one row per (subscription, event) live, plus one per replay. */
@Injectable()
export class SubscriptionDeliveriesRepository {
  /** Plans live deliveries; an event already planned for a subscription is not planned again. Returns the new ids. */
  async planLive(manager: EntityManager, eventId: string, subscriptionIds: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const subscriptionId of subscriptionIds) {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO subscription_deliveries (id, subscription_id, event_id) VALUES ($1, $2, $3)
         ON CONFLICT (subscription_id, event_id) WHERE NOT replay DO NOTHING RETURNING id`,
        [randomUUID(), subscriptionId, eventId],
      );
      ids.push(...rows.map((row) => row.id));
    }
    return ids;
  }

  /** Plans a replay delivery of each event (a delivery of its own, with its own webhook-id). */
  async planReplay(manager: EntityManager, subscriptionId: string, eventIds: readonly string[]): Promise<string[]> {
    if (eventIds.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO subscription_deliveries (id, subscription_id, event_id, replay)
       SELECT gen_random_uuid(), $1, e.id, true FROM unnest($2::uuid[]) WITH ORDINALITY AS e(id, position) ORDER BY e.position
       RETURNING id`,
      [subscriptionId, eventIds],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Write-ahead claim of one attempt: only a pending/retrying delivery is sent, by one worker. One
   * left `sending` longer than `inDoubtAfterMs` belongs to a process that died mid-send: it is sent
   * again (same webhook-id, so the receiver can drop the copy).
   */
  async claim(
    manager: EntityManager,
    id: string,
    inDoubtAfterMs: number,
  ): Promise<{ id: string; subscriptionId: string; eventId: string; attempts: number } | undefined> {
    const [row] = await manager.query(
      `WITH claimed AS (
         UPDATE subscription_deliveries SET status = 'sending', sending_since = now(), attempts = attempts + 1
          WHERE id = $1 AND (status IN ('pending', 'retrying') OR (status = 'sending' AND sending_since < now() - make_interval(secs => $2::double precision / 1000)))
          RETURNING id, subscription_id AS "subscriptionId", event_id AS "eventId", attempts)
       SELECT * FROM claimed`,
      [id, inDoubtAfterMs],
    );
    return row;
  }

  /** Deliveries that may have no live Bull job (committed but not queued, lost with Redis, or left mid-send), for the sweep. */
  async sweepCandidates(manager: EntityManager, inDoubtAfterMs: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM subscription_deliveries
        WHERE (status IN ('pending', 'retrying') AND created_at < now() - interval '5 seconds')
           OR (status = 'sending' AND sending_since < now() - make_interval(secs => $1::double precision / 1000))
        ORDER BY created_at LIMIT 1000`,
      [inDoubtAfterMs],
    );
    return rows.map((row) => row.id);
  }

  async record(
    manager: EntityManager,
    id: string,
    attempt: { attempt: number; startedAt: Date; outcome: SubscriptionAttemptOutcome; statusCode: number | null; detail: string },
    status: 'delivered' | 'retrying' | 'dead' | 'skipped',
  ): Promise<void> {
    await manager.query(
      `INSERT INTO subscription_delivery_attempts (delivery_id, attempt, started_at, outcome, status_code, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, attempt.attempt, attempt.startedAt, attempt.outcome, attempt.statusCode, attempt.detail.slice(0, 2000)],
    );
    await manager.query(
      `UPDATE subscription_deliveries SET status = $2, last_error = CASE WHEN $2 = 'delivered' THEN NULL ELSE $3 END, delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END WHERE id = $1`,
      [id, status, attempt.detail.slice(0, 2000)],
    );
  }

  async list(manager: EntityManager, subscriptionId: string, filter: { status?: string; limit: number }): Promise<SubscriptionDelivery[]> {
    const rows = await manager.query(
      `SELECT d.id, d.subscription_id AS "subscriptionId", d.event_id AS "eventId", e.type AS "eventType", d.replay, d.status, d.attempts,
              d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt",
              COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at, 'finishedAt', a.finished_at, 'outcome', a.outcome, 'statusCode', a.status_code, 'detail', a.detail) ORDER BY a.id)
                          FROM subscription_delivery_attempts a WHERE a.delivery_id = d.id), '[]'::json) AS "attemptLog"
         FROM subscription_deliveries d JOIN public_events e ON e.id = d.event_id
        WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2)
        ORDER BY d.created_at DESC, d.id DESC LIMIT $3`,
      [subscriptionId, filter.status ?? null, filter.limit],
    );
    return rows.map((row: unknown) => deliveryRow.parse(row));
  }
}
