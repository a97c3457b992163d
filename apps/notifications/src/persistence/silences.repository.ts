import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Silence } from '@pejling/domain-alerting';
import { insertOf } from './column-writes';

/** Silences not expired by hand whose window contains `now`. */
export async function activeSilences(manager: EntityManager, now: Date): Promise<Silence[]> {
  const rows = await manager.query(
    `SELECT id, plan_id, goal_id::text AS goal_id, municipality, starts_at, ends_at FROM silences
      WHERE expired_at IS NULL AND starts_at <= $1 AND ends_at > $1`,
    [now],
  );
  return z
    .array(
      z.object({
        id: z.string(),
        plan_id: z.string().nullable(),
        goal_id: z.string().nullable(),
        municipality: z.string().nullable(),
        starts_at: z.date(),
        ends_at: z.date(),
      }),
    )
    .parse(rows)
    .map((row) => ({
      id: row.id,
      planId: row.plan_id,
      goalId: row.goal_id,
      municipality: row.municipality,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
    }));
}

// The row as the driver returns it (timestamps as Date; the API answers them as ISO text).
const silenceRow = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  goalId: z.string().nullable(),
  municipality: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  timeZone: z.string(),
  reason: z.string(),
  author: z.string(),
  createdAt: z.date(),
  expiredAt: z.date().nullable(),
});
export type SilenceView = z.infer<typeof silenceRow>;

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

const NEW_SILENCE_COLUMNS = {
  planId: 'plan_id',
  goalId: 'goal_id',
  municipality: 'municipality',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  timeZone: 'time_zone',
  reason: 'reason',
  author: 'author',
  createdBy: 'created_by_key',
} as const satisfies Record<keyof NewSilence, string>;

export type SilenceState = 'active' | 'pending' | 'expired';

export async function insertSilence(manager: EntityManager, silence: NewSilence): Promise<string> {
  const [sql, parameters] = insertOf('silences', NEW_SILENCE_COLUMNS, { ...silence }, 'id');
  const [row] = await manager.query(sql, parameters);
  return z.object({ id: z.string() }).parse(row).id;
}

/** `state` as of `now`; `municipalities` is the principal's scope (`null`: all; scoped principals never see silences without a municipality). */
export async function listSilences(
  manager: EntityManager,
  now: Date,
  state: SilenceState | undefined,
  municipalities: string[] | null,
): Promise<SilenceView[]> {
  const byState: Record<SilenceState, string> = {
    active: `expired_at IS NULL AND starts_at <= $1 AND ends_at > $1`,
    pending: `expired_at IS NULL AND starts_at > $1`,
    expired: `(expired_at IS NOT NULL OR ends_at <= $1)`,
  };
  const where = state ? byState[state] : '$1::timestamptz IS NOT NULL';
  const rows: unknown[] = await manager.query(
    `${SILENCE_VIEW} WHERE ${where} AND ($2::text[] IS NULL OR municipality = ANY($2)) ORDER BY starts_at DESC`,
    [now, municipalities],
  );
  return rows.map((row) => silenceRow.parse(row));
}

export async function findSilence(manager: EntityManager, id: string): Promise<SilenceView | undefined> {
  const [silence] = await manager.query(`${SILENCE_VIEW} WHERE id = $1`, [id]);
  return silence ? silenceRow.parse(silence) : undefined;
}

/** Ends a silence now; kept in the history. */
export async function expireSilence(manager: EntityManager, id: string, now: Date): Promise<void> {
  await manager.query(`UPDATE silences SET expired_at = COALESCE(expired_at, $2) WHERE id = $1`, [id, now]);
}
