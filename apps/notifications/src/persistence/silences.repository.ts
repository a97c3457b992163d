import { EntityManager } from 'typeorm';
import { Silence } from '@pejling/domain-alerting';

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

export interface SilenceView {
  id: string;
  planId: string | null;
  goalId: string | null;
  municipality: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  reason: string;
  author: string;
  createdAt: string;
  expiredAt: string | null;
}

export interface NewSilence {
  planId: string | null;
  goalId: string | null;
  municipality: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  reason: string;
  author: string;
  createdBy: string;
}

const SILENCE_VIEW = `SELECT id, plan_id AS "planId", goal_id AS "goalId", municipality, starts_at AS "startsAt", ends_at AS "endsAt", time_zone AS "timeZone",
                             reason, author, created_at AS "createdAt", expired_at AS "expiredAt" FROM silences`;

export type SilenceState = 'active' | 'pending' | 'expired';

export async function insertSilence(manager: EntityManager, silence: NewSilence): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO silences (plan_id, goal_id, municipality, starts_at, ends_at, time_zone, reason, author, created_by_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [silence.planId, silence.goalId, silence.municipality, silence.startsAt, silence.endsAt, silence.timeZone, silence.reason, silence.author, silence.createdBy],
  );
  return row.id;
}

/** `state` as of `now`; `municipalities` is the principal's scope (`null`: all; scoped principals never see silences without a municipality). */
export async function listSilences(manager: EntityManager, now: Date, state: SilenceState | undefined, municipalities: string[] | null): Promise<SilenceView[]> {
  const byState: Record<SilenceState, string> = {
    active: `expired_at IS NULL AND starts_at <= $1 AND ends_at > $1`,
    pending: `expired_at IS NULL AND starts_at > $1`,
    expired: `(expired_at IS NOT NULL OR ends_at <= $1)`,
  };
  const where = state ? byState[state] : '$1::timestamptz IS NOT NULL';
  return manager.query(`${SILENCE_VIEW} WHERE ${where} AND ($2::text[] IS NULL OR municipality = ANY($2)) ORDER BY starts_at DESC`, [now, municipalities]);
}

export async function findSilence(manager: EntityManager, id: string): Promise<SilenceView | undefined> {
  const [silence] = await manager.query(`${SILENCE_VIEW} WHERE id = $1`, [id]);
  return silence;
}

/** Ends a silence now; kept in the history. */
export async function expireSilence(manager: EntityManager, id: string, now: Date): Promise<void> {
  await manager.query(`UPDATE silences SET expired_at = COALESCE(expired_at, $2) WHERE id = $1`, [id, now]);
}
