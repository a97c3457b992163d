import type { EntityManager } from 'typeorm';
import { EventEnvelope } from '@pejling/contracts';

/**
 * Records that `consumer` has handled these events, in the caller's transaction, and returns the ids
 * recorded now: an id missing from the answer was handled before (a redelivery).
 */
export async function recordProcessedEvents(
  manager: EntityManager,
  consumer: string,
  events: readonly EventEnvelope[],
): Promise<Set<string>> {
  const inserted: { event_id: string }[] = await manager.query(
    `INSERT INTO processed_events (consumer, event_id, event_type)
     SELECT $1, id, type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, events.map((event) => event.id), events.map((event) => event.type)],
  );
  return new Set(inserted.map((row) => row.event_id));
}

/**
 * Deletes at most `limit` ids of events of these types processed before `before`; returns how many.
 * By row address (ctid), so the statement touches exactly the rows its LIMIT picked.
 */
export async function deleteProcessedEventsBefore(
  manager: EntityManager,
  prune: { eventTypes: readonly string[]; before: Date; limit: number },
): Promise<number> {
  const [{ deleted }]: { deleted: number }[] = await manager.query(
    `WITH gone AS (
       DELETE FROM processed_events WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM processed_events WHERE event_type = ANY($1::text[]) AND processed_at < $2 LIMIT $3))
       RETURNING 1)
     SELECT count(*)::int AS deleted FROM gone`,
    [prune.eventTypes, prune.before, prune.limit],
  );
  return deleted;
}
