import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { CHANNEL_KINDS } from '@pejling/domain-alerting';
import { storedRecipient } from '../persistence/stored-recipients';

export const DELIVERY_STATUSES = ['grouping', 'pending', 'sending', 'retrying', 'delivered', 'dead', 'skipped'] as const;
export const DELIVERY_CHANNELS = ['email', 'webhook', 'teams', 'slack'] as const;

export interface DeliveryFilters {
  status?: string;
  goalId?: string;
  episodeId?: string;
  recipient?: string;
  channel?: string;
  municipality?: string;
  since?: string;
  until?: string;
  /** The principal's scope: `null` is every municipality. */
  municipalities: string[] | null;
}

export interface DeliveryCounts {
  total: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
}

/** The delivery log's SQL: lists with items and attempts, counts, and the dead-letter retry. */
// The log answers the API as it is: loose, the fields masking reads checked.
const deliveryLogRows = z.array(
  z.looseObject({
    target: z.string(),
    lastError: z.string().nullable(),
    attemptLog: z.array(z.looseObject({ detail: z.string().nullable() })),
  }),
);
export type DeliveryLogRow = z.infer<typeof deliveryLogRows>[number];

export async function listDeliveries(manager: EntityManager, filters: DeliveryFilters, limit: number): Promise<DeliveryLogRow[]> {
  const { where, params } = whereOf(filters);
  const rows: unknown = await manager.query(
    `SELECT d.id, d.channel, d.target, d.recipient->>'key' AS "recipientKey", d.recipient->>'name' AS "recipientName", d.status, d.attempts,
            d.last_error AS "lastError", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt", d.municipality,
            first.event_id AS "eventId", first.event_type AS "eventType", first.goal_id AS "goalId", first.transition,
            COALESCE((SELECT json_agg(json_build_object('step', i.step, 'episodeId', i.episode_id, 'goalId', a.goal_id, 'eventId', a.event_id, 'eventType', a.event_type) ORDER BY i.created_at, i.id)
                        FROM notification_items i LEFT JOIN alerts a ON a.id = i.alert_id WHERE i.delivery_id = d.id), '[]') AS items,
            COALESCE((SELECT json_agg(json_build_object('attempt', t.attempt, 'startedAt', t.started_at, 'finishedAt', t.finished_at,
                                                        'outcome', t.outcome, 'detail', t.detail) ORDER BY t.id)
                        FROM delivery_attempts t WHERE t.delivery_id = d.id), '[]') AS "attemptLog"
       FROM deliveries d
       LEFT JOIN LATERAL (SELECT a.event_id, a.event_type, a.goal_id, a.transition FROM notification_items i JOIN alerts a ON a.id = i.alert_id
                           WHERE i.delivery_id = d.id ORDER BY i.created_at, i.id LIMIT 1) first ON true
      WHERE ${where} ORDER BY d.created_at DESC, d.id LIMIT $${params.length + 1}`,
    [...params, limit],
  );
  return deliveryLogRows.parse(rows);
}

export async function countDeliveries(manager: EntityManager, filters: DeliveryFilters): Promise<DeliveryCounts> {
  const { where, params } = whereOf(filters);
  const rows: { status: string; channel: string; n: number }[] = await manager.query(
    `SELECT d.status, d.channel, count(*)::int AS n FROM deliveries d WHERE ${where} GROUP BY d.status, d.channel`,
    params,
  );
  const sum = (keep: (row: { status: string; channel: string }) => boolean) => rows.filter(keep).reduce((total, row) => total + row.n, 0);
  return {
    total: sum(() => true),
    byStatus: Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, sum((row) => row.status === status)])),
    byChannel: Object.fromEntries(DELIVERY_CHANNELS.map((channel) => [channel, sum((row) => row.channel === channel)])),
  };
}

export interface DeliveryHead {
  id: string;
  status: string;
  municipality: string | null;
  endpointKey: string;
}

export async function findDeliveryHead(manager: EntityManager, id: string): Promise<DeliveryHead | undefined> {
  const [row] = await manager.query(
    `SELECT id, status, municipality, endpoint_key AS "endpointKey" FROM deliveries WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row;
}

/** A dead delivery starts over: pending, its attempt count reset (the attempt log keeps the old attempts). */
export async function resetDeadDelivery(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `UPDATE deliveries SET status = 'pending', attempts = 0, last_error = NULL, sending_since = NULL WHERE id = $1 AND status = 'dead'`,
    [id],
  );
}

const deliveryRow = z.object({
  id: z.string(),
  channel: z.enum(CHANNEL_KINDS),
  target: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  recipient: storedRecipient.nullable(),
  municipality: z.string().nullable(),
  endpoint_key: z.string().nullable(),
  digest: z.object({ slot: z.string(), episodeIds: z.array(z.string()), changes: z.number().int() }).nullable(),
});
/** A delivery as its sender reads it. */
export type DeliveryRow = z.infer<typeof deliveryRow>;

const claimedRow = deliveryRow.extend({ previous_status: z.string(), previous_since: z.date().nullable() });
/** A claimed delivery, with the status and `sending_since` it had before the claim. */
export type ClaimedDelivery = z.infer<typeof claimedRow>;

/**
 * Write-ahead claim of one attempt: marks the delivery `sending` and counts the attempt. Only a
 * grouping, pending or retrying delivery is claimed, or one left `sending` longer than `inDoubtAfterMs`
 * (its process died mid-send); undefined when there is nothing to claim.
 */
export async function claimDelivery(manager: EntityManager, id: string, inDoubtAfterMs: number): Promise<ClaimedDelivery | undefined> {
  const [row] = await manager.query(
    `WITH previous AS (SELECT id, status, sending_since FROM deliveries WHERE id = $1 FOR UPDATE),
          claimed AS (
            UPDATE deliveries d SET status = 'sending', sending_since = now(), attempts = d.attempts + 1
              FROM previous p
             WHERE d.id = p.id AND (p.status IN ('grouping', 'pending', 'retrying') OR (p.status = 'sending' AND p.sending_since < now() - make_interval(secs => $2::double precision / 1000)))
            RETURNING d.*, p.status AS previous_status, p.sending_since AS previous_since)
     SELECT * FROM claimed`,
    [id, inDoubtAfterMs],
  );
  return row ? claimedRow.parse(row) : undefined;
}

export type AttemptOutcome = 'success' | 'failure' | 'in-doubt' | 'refused' | 'skipped';

export interface DeliveryAttempt {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  outcome: AttemptOutcome;
  detail: string;
}

/** Logs an attempt as finished now (the detail cut to 2000 characters). */
export async function recordAttempt(manager: EntityManager, attempt: DeliveryAttempt): Promise<void> {
  await manager.query(
    `INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, detail) VALUES ($1, $2, $3, now(), $4, $5)`,
    [attempt.deliveryId, attempt.attempt, attempt.startedAt, attempt.outcome, attempt.detail.slice(0, 2000)],
  );
}

export async function markDelivered(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`, [id]);
}

/** A delivery that did not go out this time (`retrying`) or will not (`skipped`, `dead`), with why. */
export async function markUndelivered(
  manager: EntityManager,
  id: string,
  status: 'retrying' | 'skipped' | 'dead',
  lastError: string,
): Promise<void> {
  await manager.query(`UPDATE deliveries SET status = $2, last_error = $3 WHERE id = $1`, [id, status, lastError]);
}

/** The goals and episodes a delivery's items are about (for the failure event). */
export async function deliveryRefs(manager: EntityManager, id: string): Promise<{ goals: string[]; episodes: string[] }> {
  const [row] = await manager.query(
    `SELECT COALESCE(array_agg(DISTINCT a.goal_id) FILTER (WHERE a.goal_id IS NOT NULL), '{}') AS goals,
            COALESCE(array_agg(DISTINCT i.episode_id) FILTER (WHERE i.episode_id IS NOT NULL), '{}') AS episodes
       FROM notification_items i LEFT JOIN alerts a ON a.id = i.alert_id WHERE i.delivery_id = $1`,
    [id],
  );
  return z.object({ goals: z.array(z.string()), episodes: z.array(z.string()) }).parse(row);
}

/**
 * Deliveries without a sender: grouping, pending or retrying for more than a few seconds, or left
 * `sending` longer than `inDoubtAfterMs`; oldest first, at most 1000.
 */
export async function unsentDeliveries(
  manager: EntityManager,
  inDoubtAfterMs: number,
): Promise<{ id: string; endpointKey: string | null }[]> {
  const rows: unknown[] = await manager.query(
    `SELECT id, endpoint_key AS "endpointKey" FROM deliveries
      WHERE (status IN ('grouping', 'pending', 'retrying') AND created_at < now() - interval '5 seconds')
         OR (status = 'sending' AND sending_since < now() - make_interval(secs => $1::double precision / 1000))
      ORDER BY created_at LIMIT 1000`,
    [inDoubtAfterMs],
  );
  // Deliveries from before endpoint keys have none.
  return z.array(z.object({ id: z.string(), endpointKey: z.string().nullable() })).parse(rows);
}

function whereOf(f: DeliveryFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses: string[] = ['true'];
  const add = (sql: (n: string) => string, value: unknown) => {
    if (value === undefined || value === '') return;
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  add((p) => `d.status = ${p}`, f.status);
  add((p) => `d.channel = ${p}`, f.channel);
  add((p) => `(d.recipient->>'key' = ${p} OR d.target = ${p})`, f.recipient);
  add((p) => `d.municipality = ${p}`, f.municipality);
  add((p) => `d.municipality = ANY(${p}::text[])`, f.municipalities ?? undefined);
  add((p) => `d.created_at >= ${p}::timestamptz`, f.since);
  add((p) => `d.created_at < ${p}::timestamptz`, f.until);
  add(
    (p) =>
      `EXISTS (SELECT 1 FROM notification_items i JOIN alerts a ON a.id = i.alert_id WHERE i.delivery_id = d.id AND a.goal_id = ${p}::uuid)`,
    f.goalId,
  );
  add((p) => `EXISTS (SELECT 1 FROM notification_items i WHERE i.delivery_id = d.id AND i.episode_id = ${p}::uuid)`, f.episodeId);
  return { where: clauses.join(' AND '), params };
}
