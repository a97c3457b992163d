import { EntityManager } from 'typeorm';
import { z } from 'zod';

/** An episode as the API shows it. */
const EPISODE_VIEW = `
  SELECT e.id, e.goal_id AS "goalId", e.kind, e.status, e.municipality, e.plan_id AS "planId", e.opened_at AS "openedAt",
         a.payload->>'goalName' AS "goalName", la.period AS "latestPeriod",
         e.reminders_sent AS "remindersSent", e.next_reminder_at AS "nextReminderAt",
         CASE WHEN e.acknowledged_at IS NULL THEN NULL ELSE json_build_object('by', e.acknowledged_by, 'note', e.acknowledgement_note, 'at', e.acknowledged_at, 'via', e.acknowledged_via, 'public', e.acknowledgement_public) END AS acknowledgement,
         e.resolved_at AS "resolvedAt", e.resolution,
         (SELECT json_agg(json_build_object('key', r->>'key', 'name', r->>'name', 'channels', r->'channels')) FROM jsonb_array_elements(e.recipients) r) AS recipients
    FROM episodes e JOIN alerts a ON a.id = e.opened_alert_id JOIN alerts la ON la.id = e.last_alert_id`;

// The views answer the API as they are: loose, the fields the service reads itself checked.
const episodeView = z.looseObject({ id: z.string(), goalId: z.string(), municipality: z.string(), status: z.string() });
export type EpisodeView = z.infer<typeof episodeView>;
const episodeViews = z.array(episodeView);

const episodeEventView = z.object({
  episodeId: z.string().optional(),
  type: z.string(),
  at: z.date(),
  actor: z.string().nullable(),
  note: z.string().nullable(),
  details: z.unknown(),
});
export type EpisodeEventView = z.infer<typeof episodeEventView>;
const episodeEventViews = z.array(episodeEventView);

const goalAlertViews = z.array(z.looseObject({ municipality: z.string() }));

export interface EpisodeFilter {
  goalId?: string;
  status?: string;
  municipality?: string;
  /** The principal's scope: `null` is every municipality. */
  municipalities: string[] | null;
}

export async function listEpisodes(manager: EntityManager, filter: EpisodeFilter): Promise<EpisodeView[]> {
  const rows: unknown = await manager.query(
    `${EPISODE_VIEW} WHERE ($1::uuid IS NULL OR e.goal_id = $1) AND ($2::text IS NULL OR e.status = $2) AND ($3::text IS NULL OR e.municipality = $3)
       AND ($4::text[] IS NULL OR e.municipality = ANY($4))
     ORDER BY e.opened_at DESC LIMIT 500`,
    [filter.goalId ?? null, filter.status ?? null, filter.municipality ?? null, filter.municipalities],
  );
  return episodeViews.parse(rows);
}

export async function findEpisodeView(manager: EntityManager, id: string): Promise<EpisodeView | undefined> {
  const [episode] = await manager.query(`${EPISODE_VIEW} WHERE e.id = $1`, [id]);
  return episode ? episodeView.parse(episode) : undefined;
}

export async function episodeEvents(manager: EntityManager, episodeId: string): Promise<EpisodeEventView[]> {
  return episodeEventViews.parse(
    await manager.query(`SELECT type, at, actor, note, details FROM episode_events WHERE episode_id = $1 ORDER BY id`, [episodeId]),
  );
}

/** A goal's alerts with their outcomes, its episodes and their events, oldest first. */
export async function goalHistory(manager: EntityManager, goalId: string) {
  const alerts = goalAlertViews.parse(
    await manager.query(
      `SELECT id, event_id AS "eventId", event_type AS "eventType", kind, period, historical, outcome, outcome_detail AS "outcomeDetail",
            episode_id AS "episodeId", payload->'explanation' AS explanation, created_at AS "receivedAt", municipality
       FROM alerts WHERE goal_id = $1 ORDER BY created_at, id`,
      [goalId],
    ),
  );
  const episodes = episodeViews.parse(await manager.query(`${EPISODE_VIEW} WHERE e.goal_id = $1 ORDER BY e.opened_at`, [goalId]));
  const events = episodeEventViews.parse(
    await manager.query(
      `SELECT ev.episode_id AS "episodeId", ev.type, ev.at, ev.actor, ev.note, ev.details FROM episode_events ev JOIN episodes e ON e.id = ev.episode_id WHERE e.goal_id = $1 ORDER BY ev.id`,
      [goalId],
    ),
  );
  return { alerts, episodes, events };
}

const ackLinkEpisodeRow = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved']),
  acknowledgedBy: z.string().nullable(),
  acknowledgementNote: z.string().nullable(),
  goalName: z.string().nullable(),
});
/** What a signed acknowledgement link's page shows of its episode (the goal's name as its latest alert gave it). */
export type AckLinkEpisode = z.infer<typeof ackLinkEpisodeRow>;

export async function findAckLinkEpisode(manager: EntityManager, id: string): Promise<AckLinkEpisode | undefined> {
  const [row] = await manager.query(
    `SELECT e.status, e.acknowledged_by AS "acknowledgedBy", e.acknowledgement_note AS "acknowledgementNote", a.payload->>'goalName' AS "goalName"
       FROM episodes e JOIN alerts a ON a.id = e.last_alert_id WHERE e.id = $1`,
    [id],
  );
  return row ? ackLinkEpisodeRow.parse(row) : undefined;
}
