import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EventEnvelope } from '@pejling/contracts';

/** A public event as notifications stored it for subscriptions (replay reads these). */
export interface StoredEvent {
  id: string;
  type: string;
  version: number;
  source: string;
  municipality: string;
  time: Date;
  payload: unknown;
}

const storedEventRow = z.object({
  id: z.string().uuid(),
  type: z.string(),
  version: z.number().int(),
  source: z.string(),
  municipality: z.string(),
  time: z.date(),
  payload: z.unknown(),
});

/** Stores an event once (a redelivery or a second consumer changes nothing); true when it was new. */
export async function storePublicEvent(manager: EntityManager, event: EventEnvelope, version: number): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO public_events (id, type, version, source, municipality, time, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [event.id, event.type, version, event.source, event.municipality, event.time, JSON.stringify(event.payload)],
  );
  return inserted.length > 0;
}

export async function findPublicEvent(manager: EntityManager, id: string): Promise<StoredEvent | undefined> {
  const [row] = await manager.query(`SELECT id, type, version, source, municipality, time, payload FROM public_events WHERE id = $1`, [id]);
  return row ? storedEventRow.parse(row) : undefined;
}

/** Ids of the stored events since a time (by the event's own time), oldest first. */
export async function publicEventIdsSince(
  manager: EntityManager,
  since: Date,
  limit: number,
): Promise<{ id: string; type: string; municipality: string }[]> {
  const rows: unknown = await manager.query(
    `SELECT id, type, municipality FROM public_events WHERE time >= $1 ORDER BY time, id LIMIT $2`,
    [since, limit],
  );
  return z.array(z.object({ id: z.string(), type: z.string(), municipality: z.string() })).parse(rows);
}
