import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope, OWNER_EVENTS_KEY, OwnerContactsChanged } from '@pejling/contracts';

interface OwnerContactRow {
  id: string;
  name: string;
  email: string | null;
  webhook_url: string | null;
  teams_webhook_url: string | null;
  slack_webhook_url: string | null;
  language: 'da' | 'en';
  time_zone: string;
  updated_at: Date;
}

const CONTACTS = `SELECT id, name, email, webhook_url, teams_webhook_url, slack_webhook_url, language, time_zone, updated_at FROM owners`;

function contactsEvent(row: OwnerContactRow, snapshot: boolean): EventEnvelope<'owner.contacts-changed'> {
  const payload: OwnerContactsChanged = {
    ownerId: row.id,
    name: row.name,
    channels: [
      ...(row.email ? [{ type: 'email' as const, target: row.email }] : []),
      ...(row.webhook_url ? [{ type: 'webhook' as const, target: row.webhook_url }] : []),
      ...(row.teams_webhook_url ? [{ type: 'teams' as const, target: row.teams_webhook_url }] : []),
      ...(row.slack_webhook_url ? [{ type: 'slack' as const, target: row.slack_webhook_url }] : []),
    ],
    language: row.language,
    timeZone: row.time_zone,
    deleted: false,
    updatedAt: new Date(row.updated_at).toISOString(),
    snapshot,
  };
  return createEvent('owner.contacts-changed', payload, { source: 'pejling/goals', municipality: OWNER_EVENTS_KEY });
}

/**
 * The contacts of the given owners as they are now in this transaction, for the internal owners
 * topic: written through the outbox with the change, so notifications can never miss one.
 */
export async function ownerContactsEvents(manager: EntityManager, ownerIds: readonly string[]): Promise<EventEnvelope[]> {
  if (ownerIds.length === 0) return [];
  const rows: OwnerContactRow[] = await manager.query(`${CONTACTS} WHERE id = ANY($1::uuid[]) ORDER BY name`, [[...new Set(ownerIds)]]);
  return rows.map((row) => contactsEvent(row, false));
}

/** Every owner, as a snapshot: a fresh notifications catches up from it. */
export async function ownerContactsSnapshot(manager: EntityManager): Promise<EventEnvelope[]> {
  const rows: OwnerContactRow[] = await manager.query(`${CONTACTS} ORDER BY name`);
  return rows.map((row) => contactsEvent(row, true));
}

/** A deleted owner: notifications forgets its channels. */
export function ownerDeletedEvent(owner: { id: string; name: string; language: 'da' | 'en'; timeZone: string }, now: Date): EventEnvelope<'owner.contacts-changed'> {
  return createEvent(
    'owner.contacts-changed',
    { ownerId: owner.id, name: owner.name, channels: [], language: owner.language, timeZone: owner.timeZone, deleted: true, updatedAt: now.toISOString(), snapshot: false },
    { source: 'pejling/goals', municipality: OWNER_EVENTS_KEY },
  );
}
