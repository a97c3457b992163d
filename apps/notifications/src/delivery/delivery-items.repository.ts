import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ALERT_KINDS } from '@pejling/domain-alerting';

// The alert's payload stays unknown here: it is parsed with its event's contract where it is read (`storedAlertPayload`).
const storedItemRow = z.object({
  id: z.string(),
  step: z.string(),
  details: z.record(z.string(), z.unknown()),
  alert_id: z.string().nullable(),
  event_type: z.string().nullable(),
  event_id: z.string().nullable(),
  alert_kind: z.enum(ALERT_KINDS).nullable(),
  alert_municipality: z.string().nullable(),
  payload: z.unknown(),
  episode_id: z.string().nullable(),
  episode_kind: z.enum(['breach', 'at_risk']).nullable(),
  episode_status: z.string().nullable(),
  opened_at: z.date().nullable(),
  acknowledged_at: z.date().nullable(),
  acknowledged_by: z.string().nullable(),
  acknowledgement_note: z.string().nullable(),
});
/** An item of a delivery with what it refers to, as stored. */
export type StoredItem = z.infer<typeof storedItemRow>;

const storedItemRows = z.array(storedItemRow);

/** A delivery's items in the order they were planned, each with its alert and episode. */
export async function deliveryItems(manager: EntityManager, deliveryId: string): Promise<StoredItem[]> {
  return storedItemRows.parse(
    await manager.query(
      `SELECT i.id, i.step, i.details, i.alert_id, a.event_type, a.event_id, a.kind AS alert_kind, a.municipality AS alert_municipality, a.payload,
              e.id AS episode_id, e.kind AS episode_kind, e.status AS episode_status, e.opened_at, e.acknowledged_at, e.acknowledged_by, e.acknowledgement_note
         FROM notification_items i LEFT JOIN alerts a ON a.id = i.alert_id LEFT JOIN episodes e ON e.id = i.episode_id
        WHERE i.delivery_id = $1 ORDER BY i.created_at, i.id`,
      [deliveryId],
    ),
  );
}

/** Each open episode of a digest as an item, with its newest figures (its latest alert). */
export async function digestItems(manager: EntityManager, episodeIds: readonly string[]): Promise<StoredItem[]> {
  return storedItemRows.parse(
    await manager.query(
      `SELECT e.id, 'digest' AS step, '{}'::jsonb AS details, a.id AS alert_id, a.event_type, a.event_id, a.kind AS alert_kind, a.municipality AS alert_municipality, a.payload,
              e.id AS episode_id, e.kind AS episode_kind, e.status AS episode_status, e.opened_at, e.acknowledged_at, e.acknowledged_by, e.acknowledgement_note
         FROM episodes e JOIN alerts a ON a.id = e.last_alert_id WHERE e.id = ANY($1::uuid[]) ORDER BY e.opened_at`,
      [[...episodeIds]],
    ),
  );
}
