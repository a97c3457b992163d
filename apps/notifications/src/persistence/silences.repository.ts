import { EntityManager } from 'typeorm';
import { Silence } from '@pejling/domain';

/** Silences not expired by hand whose window contains `now`. */
export async function activeSilences(manager: EntityManager, now: Date): Promise<Silence[]> {
  const rows = await manager.query(
    `SELECT id, plan_id, goal_id::text AS goal_id, municipality, starts_at, ends_at FROM silences
      WHERE expired_at IS NULL AND starts_at <= $1 AND ends_at > $1`,
    [now],
  );
  return rows.map((row: Record<string, unknown>) => ({
    id: row.id as string,
    planId: (row.plan_id as string) ?? null,
    goalId: (row.goal_id as string) ?? null,
    municipality: (row.municipality as string) ?? null,
    startsAt: new Date(row.starts_at as string),
    endsAt: new Date(row.ends_at as string),
  }));
}
