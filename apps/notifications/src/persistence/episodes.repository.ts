import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EpisodeKind, Recipient } from '@pejling/domain-alerting';
import { insertOf } from './column-writes';
import { storedRecipientsOf } from './stored-recipients';

const episodeRow = z.object({
  id: z.string(),
  goal_id: z.string(),
  kind: z.enum(['breach', 'at_risk']),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  municipality: z.string(),
  plan_id: z.string().nullable(),
  opened_alert_id: z.string(),
  last_alert_id: z.string(),
  opened_at: z.date(),
  recipients: z.unknown(),
  next_reminder_at: z.date().nullable(),
  reminders_sent: z.number().int(),
  acknowledged_at: z.date().nullable(),
  acknowledged_by: z.string().nullable(),
  acknowledgement_note: z.string().nullable(),
});

export type EpisodeRow = Omit<z.infer<typeof episodeRow>, 'recipients'> & { recipients: Recipient[] };
/** An episode still running: open, or acknowledged (no more reminders). */
export type RunningEpisode = EpisodeRow & { status: 'open' | 'acknowledged' };

/** An episodes row, its stored recipients parsed (an invalid row is an error naming it). */
function episodeOf(row: unknown): EpisodeRow {
  const parsed = episodeRow.parse(row);
  return { ...parsed, recipients: storedRecipientsOf(parsed.id, parsed.recipients) };
}

/** The goal's open (or acknowledged) episodes, locked for this transaction. */
export async function lockOpenEpisodes(manager: EntityManager, goalId: string): Promise<RunningEpisode[]> {
  const rows: unknown[] = await manager.query(
    `SELECT * FROM episodes WHERE goal_id = $1 AND status IN ('open', 'acknowledged') ORDER BY opened_at FOR UPDATE`,
    [goalId],
  );
  return rows.map((row) => episodeOf(row) as RunningEpisode);
}

export async function lockEpisode(manager: EntityManager, id: string): Promise<EpisodeRow | undefined> {
  const [row] = await manager.query(`SELECT * FROM episodes WHERE id = $1 FOR UPDATE`, [id]);
  return row ? episodeOf(row) : undefined;
}

/** Open episodes whose reminder is due, oldest due first; another instance skips the ones taken here. */
export async function lockDueReminders(manager: EntityManager, now: Date): Promise<EpisodeRow[]> {
  const rows: unknown[] = await manager.query(
    `SELECT * FROM episodes WHERE status = 'open' AND next_reminder_at <= $1 ORDER BY next_reminder_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
    [now],
  );
  return rows.map(episodeOf);
}

export interface NewEpisode {
  id: string;
  goalId: string | null;
  kind: EpisodeKind;
  municipality: string;
  planId: string | null;
  /** The alert that opens it, also its latest alert. */
  alertId: string;
  openedAt: Date;
  recipients: readonly Recipient[];
  nextReminderAt: Date;
}

const NEW_EPISODE_COLUMNS = {
  id: 'id',
  goalId: 'goal_id',
  kind: 'kind',
  status: 'status',
  municipality: 'municipality',
  planId: 'plan_id',
  openedAlertId: 'opened_alert_id',
  lastAlertId: 'last_alert_id',
  openedAt: 'opened_at',
  recipients: 'recipients',
  nextReminderAt: 'next_reminder_at',
} as const;

/** Opens an episode: its opening alert is its latest alert. */
export async function insertEpisode(manager: EntityManager, episode: NewEpisode): Promise<void> {
  const { alertId, recipients, ...fields } = episode;
  const [sql, parameters] = insertOf(
    'episodes',
    NEW_EPISODE_COLUMNS,
    { ...fields, status: 'open', openedAlertId: alertId, lastAlertId: alertId, recipients: JSON.stringify(recipients) },
    'id',
  );
  await manager.query(sql, parameters);
}

/** Ends an episode (`resolution`: recovered, corrected, superseded by a breach); no reminders after. */
export async function resolveEpisode(
  manager: EntityManager,
  id: string,
  resolved: { at: Date; alertId: string; resolution: string },
): Promise<void> {
  await manager.query(
    `UPDATE episodes SET status = 'resolved', resolved_at = $2, resolved_alert_id = $3, resolution = $4, next_reminder_at = NULL WHERE id = $1`,
    [id, resolved.at, resolved.alertId, resolved.resolution],
  );
}

/** The episode's latest alert (its figures feed the reminders). */
export async function setLastAlert(manager: EntityManager, id: string, alertId: string): Promise<void> {
  await manager.query(`UPDATE episodes SET last_alert_id = $2 WHERE id = $1`, [id, alertId]);
}

export async function postponeReminder(manager: EntityManager, id: string, until: Date): Promise<void> {
  await manager.query(`UPDATE episodes SET next_reminder_at = $2 WHERE id = $1`, [id, until]);
}

/** Counts a reminder as sent and schedules the next one. */
export async function countReminder(manager: EntityManager, id: string, number: number, next: Date): Promise<void> {
  await manager.query(`UPDATE episodes SET reminders_sent = $2, next_reminder_at = $3 WHERE id = $1`, [id, number, next]);
}

export interface EpisodeAcknowledgement {
  at: Date;
  by: string;
  note: string;
  via: 'api' | 'link';
  public: boolean;
}

/** Acknowledged: no more reminders; who, when, how and the note are kept on the episode. */
export async function acknowledgeEpisode(manager: EntityManager, id: string, ack: EpisodeAcknowledgement): Promise<void> {
  await manager.query(
    `UPDATE episodes SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3, acknowledgement_note = $4, acknowledged_via = $5, acknowledgement_public = $6, next_reminder_at = NULL WHERE id = $1`,
    [id, ack.at, ack.by, ack.note, ack.via, ack.public],
  );
}

export async function recordEpisodeEvent(
  manager: EntityManager,
  episodeId: string,
  type: string,
  at: Date,
  fields: { actor?: string | null; note?: string | null; details?: Record<string, unknown> } = {},
): Promise<void> {
  await manager.query(`INSERT INTO episode_events (episode_id, type, at, actor, note, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
    episodeId,
    type,
    at,
    fields.actor ?? null,
    fields.note ?? null,
    fields.details ?? {},
  ]);
}

/**
 * Who was told what an event said: the recipients of the episode its alert opened, repeated,
 * closed or corrected; nobody when it was not delivered (history, silenced, ignored).
 */
export async function toldRecipients(manager: EntityManager, eventId: string): Promise<Recipient[]> {
  const [row] = await manager.query(
    `SELECT e.id, e.recipients FROM alerts a JOIN episodes e ON e.id = a.episode_id WHERE a.event_id = $1 AND a.outcome IN ('opened', 'repeat', 'closed', 'corrected')`,
    [eventId],
  );
  return row ? storedRecipientsOf(row.id, row.recipients) : [];
}

/** The episodes still running for a recipient (digests), oldest first. */
export async function runningEpisodeIdsFor(manager: EntityManager, recipientKey: string): Promise<string[]> {
  const rows: unknown[] = await manager.query(
    `SELECT id FROM episodes WHERE status IN ('open', 'acknowledged') AND recipients @> $1::jsonb ORDER BY opened_at`,
    [JSON.stringify([{ key: recipientKey }])],
  );
  return z
    .array(z.object({ id: z.string() }))
    .parse(rows)
    .map((row) => row.id);
}

/** How many things happened in `(from, to]` to the episodes a recipient is told of (digests). */
export async function countEpisodeEventsFor(manager: EntityManager, recipientKey: string, from: Date, to: Date): Promise<number> {
  const [row] = await manager.query(
    `SELECT count(*)::int AS changes FROM episode_events ev JOIN episodes e ON e.id = ev.episode_id WHERE e.recipients @> $1::jsonb AND ev.at > $2 AND ev.at <= $3`,
    [JSON.stringify([{ key: recipientKey }]), from, to],
  );
  return z.object({ changes: z.number().int() }).parse(row).changes;
}
