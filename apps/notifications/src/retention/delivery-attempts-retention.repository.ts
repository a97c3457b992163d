import type { EntityManager } from 'typeorm';

/** Each attempt log and the deliveries it belongs to. */
export const ATTEMPT_LOGS = {
  delivery_attempts: 'deliveries',
  subscription_delivery_attempts: 'subscription_deliveries',
} as const;
export type AttemptLog = keyof typeof ATTEMPT_LOGS;

/** Statuses a delivery does not leave by itself (a dead one only by an operator's retry). */
const FINISHED_STATUSES = ['delivered', 'dead', 'skipped'];

/**
 * Deletes at most `limit` attempts of finished deliveries whose last attempt ended before `before`;
 * returns how many. A delivery's log goes as a whole, never while it is in progress: its row is
 * share-locked for the statement and skipped if a sender or a retry holds it (SKIP LOCKED), so a
 * delivery restarted meanwhile is seen as such. By row address (ctid), so the statement touches
 * exactly the rows its LIMIT picked.
 */
export async function deleteFinishedAttemptsBefore(
  manager: EntityManager,
  log: AttemptLog,
  prune: { before: Date; limit: number },
): Promise<number> {
  const deliveries = ATTEMPT_LOGS[log];
  const [{ deleted }]: { deleted: number }[] = await manager.query(
    `WITH gone AS (
       DELETE FROM ${log} WHERE ctid = ANY(ARRAY(
         SELECT a.ctid FROM ${log} a JOIN ${deliveries} d ON d.id = a.delivery_id
          WHERE a.finished_at < $1 AND d.status = ANY($3::text[])
            AND NOT EXISTS (SELECT 1 FROM ${log} later WHERE later.delivery_id = a.delivery_id AND later.finished_at >= $1)
          LIMIT $2
          FOR SHARE OF d SKIP LOCKED))
       RETURNING 1)
     SELECT count(*)::int AS deleted FROM gone`,
    [prune.before, prune.limit, FINISHED_STATUSES],
  );
  return deleted;
}
