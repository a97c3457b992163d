import { EntityManager } from 'typeorm';
import { AlertKind } from '@pejling/domain-alerting';
import { insertOf } from './column-writes';

/** An incoming alert as it is recorded, before its outcome is known. */
export interface NewAlert {
  id: string;
  eventId: string;
  eventType: string;
  goalId: string | null;
  municipality: string;
  kind: AlertKind;
  /** The event's payload as it came (read back with its contract: `storedAlertPayload`). */
  payload: unknown;
  planId: string | null;
  period: string | null;
  historical: boolean;
}

const NEW_ALERT_COLUMNS = {
  id: 'id',
  eventId: 'event_id',
  eventType: 'event_type',
  goalId: 'goal_id',
  municipality: 'municipality',
  transition: 'transition',
  payload: 'payload',
  kind: 'kind',
  planId: 'plan_id',
  period: 'period',
  historical: 'historical',
} as const;

export async function insertAlert(manager: EntityManager, alert: NewAlert): Promise<void> {
  // `transition` is the column from before alert kinds; it keeps the kind too.
  const [sql, parameters] = insertOf('alerts', NEW_ALERT_COLUMNS, { ...alert, transition: alert.kind }, 'id');
  await manager.query(sql, parameters);
}

export interface AlertOutcome {
  /** historical, ignored, repeat, opened, no-recipients, silenced, closed, notice, corrected. */
  outcome: string;
  detail: string | null;
  episodeId: string | null;
}

/** What became of an alert, and the episode it concerns. */
export async function setAlertOutcome(
  manager: EntityManager,
  alertId: string,
  { outcome, detail, episodeId }: AlertOutcome,
): Promise<void> {
  await manager.query(`UPDATE alerts SET outcome = $2, outcome_detail = $3, episode_id = $4 WHERE id = $1`, [
    alertId,
    outcome,
    detail,
    episodeId,
  ]);
}
