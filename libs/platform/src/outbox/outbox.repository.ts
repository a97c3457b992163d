import type { EntityManager } from 'typeorm';
import { EventEnvelope, physicalTopic, topicOf } from '@pejling/contracts';

/**
 * Appends events to the service's outbox inside the caller's transaction: the state change and
 * the events it causes commit together or not at all. One statement per batch, however large,
 * with the rows as one JSON document: escaping thousands of envelopes into array literals costs
 * more than the insert itself.
 */
export async function appendToOutbox(manager: EntityManager, events: readonly EventEnvelope[], topicPrefix: string): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    id: event.id,
    topic: physicalTopic(topicOf(event.type), topicPrefix),
    key: event.municipality,
    type: event.type,
    envelope: event,
  }));
  await manager.query(
    `INSERT INTO outbox (id, topic, key, type, envelope)
     SELECT r.id, r.topic, r.key, r.type, r.envelope
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id uuid, topic text, key text, type text, envelope jsonb)) WITH ORDINALITY AS r(id, topic, key, type, envelope, position)
      ORDER BY r.position`,
    [JSON.stringify(rows)],
  );
}

/** An unpublished outbox row as the relay sends it. */
export interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  type: string;
  event_id: string;
  /** The envelope as stored, sent as is in the `envelope` format: no parse and re-serialise per message. */
  body: string;
  /** The envelope's attributes and payload, taken apart by PostgreSQL for the CloudEvents format. */
  payload: string;
  version: number;
  source: string;
  time: string;
  correlation_id: string | null;
  subject: string | null;
}

/** The relay's lock on one outbox: held to the end of the caller's transaction, so one relay sends at a time. */
export async function tryLockOutbox(manager: EntityManager, schema: string): Promise<boolean> {
  const [{ locked }]: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
    `${schema}.outbox`,
  ]);
  return locked;
}

/**
 * Makes the rest of the transaction read the outbox by walking the partial index in seq order. With
 * stale statistics (a backfill just committed) the planner would bitmap-scan and sort every unpublished row per batch.
 */
export async function preferOutboxIndex(manager: EntityManager): Promise<void> {
  await manager.query('SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off');
}

/** The oldest `limit` unpublished rows after `afterSeq`; `subjectFields` maps each event type to its subject field. */
export async function unpublishedOutboxRows(
  manager: EntityManager,
  query: { limit: number; afterSeq: string; subjectFields: string },
): Promise<OutboxRow[]> {
  return manager.query(
    `SELECT seq, topic, key, type, id AS event_id, envelope::text AS body, (envelope -> 'payload')::text AS payload,
            (envelope ->> 'version')::int AS version, envelope ->> 'source' AS source, envelope ->> 'time' AS time,
            envelope ->> 'correlationId' AS correlation_id, envelope -> 'payload' ->> ($3::jsonb ->> type) AS subject
       FROM outbox WHERE published_at IS NULL AND seq > $2 ORDER BY seq LIMIT $1`,
    [query.limit, query.afterSeq, query.subjectFields],
  );
}

/** Sent rows are deleted, not marked: a delete writes no new row version, and the outbox stays small. */
export async function deleteSentOutboxRows(manager: EntityManager, seqs: readonly string[]): Promise<void> {
  await manager.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [seqs]);
}

/** How many events wait in the outbox and how long the oldest has waited (0 when none). */
export async function outboxBacklog(manager: EntityManager): Promise<{ rows: number; oldestAgeSeconds: number }> {
  const [row]: { rows: number; age: number | null }[] = await manager.query(
    `SELECT count(*)::int AS rows, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox WHERE published_at IS NULL`,
  );
  return { rows: row.rows, oldestAgeSeconds: row.age ?? 0 };
}
