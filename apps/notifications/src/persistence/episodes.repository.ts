import { EntityManager } from 'typeorm';
import { EpisodeKind, OpenEpisode, Recipient } from '@pejling/domain-alerting';
import { storedRecipientsOf } from './stored-recipients';

export interface EpisodeRow {
  id: string;
  goal_id: string;
  kind: EpisodeKind;
  status: 'open' | 'acknowledged' | 'resolved';
  municipality: string;
  plan_id: string | null;
  opened_alert_id: string;
  last_alert_id: string;
  opened_at: Date;
  recipients: Recipient[];
  next_reminder_at: Date | null;
  reminders_sent: number;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledgement_note: string | null;
}

/** The goal's open (or acknowledged) episodes, locked for this transaction. */
export async function lockOpenEpisodes(manager: EntityManager, goalId: string): Promise<(OpenEpisode & EpisodeRow)[]> {
  return manager.query(`SELECT * FROM episodes WHERE goal_id = $1 AND status IN ('open', 'acknowledged') ORDER BY opened_at FOR UPDATE`, [goalId]);
}

export async function lockEpisode(manager: EntityManager, id: string): Promise<EpisodeRow | undefined> {
  const [row] = await manager.query(`SELECT * FROM episodes WHERE id = $1 FOR UPDATE`, [id]);
  return row;
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
