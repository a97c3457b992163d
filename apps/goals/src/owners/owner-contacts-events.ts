import { createEvent, EventEnvelope, OWNER_EVENTS_KEY, OwnerContactsChanged } from '@pejling/contracts';
import type { OwnerContactsRow } from './owners.repository';

function contactsEvent(row: OwnerContactsRow, snapshot: boolean): EventEnvelope<'owner.contacts-changed'> {
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
 * The owners' contacts as they are now in the caller's transaction, for the internal owners topic:
 * written through the outbox with the change, so notifications can never miss one.
 */
export function ownerContactsEvents(rows: readonly OwnerContactsRow[]): EventEnvelope[] {
  return rows.map((row) => contactsEvent(row, false));
}

/** Every owner, as a snapshot: a fresh notifications catches up from it. */
export function ownerContactsSnapshot(rows: readonly OwnerContactsRow[]): EventEnvelope[] {
  return rows.map((row) => contactsEvent(row, true));
}

/** A deleted owner: notifications forgets its channels. */
export function ownerDeletedEvent(
  owner: { id: string; name: string; language: 'da' | 'en'; timeZone: string },
  now: Date,
): EventEnvelope<'owner.contacts-changed'> {
  return createEvent(
    'owner.contacts-changed',
    {
      ownerId: owner.id,
      name: owner.name,
      channels: [],
      language: owner.language,
      timeZone: owner.timeZone,
      deleted: true,
      updatedAt: now.toISOString(),
      snapshot: false,
    },
    { source: 'pejling/goals', municipality: OWNER_EVENTS_KEY },
  );
}
