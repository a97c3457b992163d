import type { EntityManager } from 'typeorm';

/**
 * Deletes at most `limit` judgements superseded before `before`; returns how many. Never a current
 * judgement (superseded_at is null), a staleness note, or one the goal's state or a transition
 * still stands on (reports, the board and the public feed read those). By row address (ctid), so the
 * statement touches exactly the rows its LIMIT picked.
 */
export async function deleteSupersededEvaluationsBefore(manager: EntityManager, prune: { before: Date; limit: number }): Promise<number> {
  const [{ deleted }]: { deleted: number }[] = await manager.query(
    `WITH gone AS (
       DELETE FROM evaluations WHERE ctid = ANY(ARRAY(
         SELECT e.ctid FROM evaluations e
          WHERE e.kind = 'judgement' AND e.superseded_at < $1
            AND NOT EXISTS (SELECT 1 FROM goal_states s WHERE s.goal_id = e.goal_id AND s.evaluation_id = e.id)
            AND NOT EXISTS (SELECT 1 FROM goal_transitions t WHERE t.goal_id = e.goal_id AND t.period = e.period AND t.evaluation_id = e.id)
          LIMIT $2))
       RETURNING 1)
     SELECT count(*)::int AS deleted FROM gone`,
    [prune.before, prune.limit],
  );
  return deleted;
}
