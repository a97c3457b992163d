import { EntityManager } from 'typeorm';
import { OwnerContactsChanged } from '@pejling/contracts';
import { Recipient } from '@pejling/domain-alerting';
import { z } from 'zod';

const channelsSchema = z.array(z.object({ type: z.enum(['email', 'webhook', 'teams', 'slack']), target: z.string().min(1) }));
const ownerContactRows = z.array(
  z.object({
    owner_id: z.string(),
    name: z.string(),
    channels: z.unknown(),
    language: z.enum(['da', 'en']),
    time_zone: z.string(),
    deleted: z.boolean(),
  }),
);
// The envelope is parsed with its contract by whoever hands the alert on (`storedGoalEvent`).
const waitingAlertRows = z.array(
  z.object({
    position: z.string(),
    event_id: z.string(),
    goal_id: z.string().nullable(),
    owner_ids: z.array(z.string()),
    envelope: z.unknown(),
  }),
);
export type WaitingAlert = z.infer<typeof waitingAlertRows>[number];

/**
 * Serialises owner-contact changes with the alerts that look owners up: a change takes the lock
 * exclusively, an alert shared. Without it, an alert that finds its owner missing could park while
 * the owner's contacts commit, and the contacts' release of waiting alerts would not see it.
 */
export async function lockOwnerContacts(manager: EntityManager, mode: 'exclusive' | 'shared'): Promise<void> {
  await manager.query(
    mode === 'exclusive'
      ? `SELECT pg_advisory_xact_lock(hashtext('notifications.owner_contacts'))`
      : `SELECT pg_advisory_xact_lock_shared(hashtext('notifications.owner_contacts'))`,
  );
}

/**
 * Stores an owner's contacts unless what is stored is newer (a snapshot can arrive after a change).
 * Returns whether the row changed.
 */
export async function upsertOwnerContacts(manager: EntityManager, eventId: string, contacts: OwnerContactsChanged): Promise<boolean> {
  const changed: unknown[] = await manager.query(
    `INSERT INTO owner_contacts (owner_id, name, channels, language, time_zone, deleted, updated_at, event_id)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8)
     ON CONFLICT (owner_id) DO UPDATE SET name = EXCLUDED.name, channels = EXCLUDED.channels, language = EXCLUDED.language,
       time_zone = EXCLUDED.time_zone, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at, event_id = EXCLUDED.event_id, received_at = now()
     WHERE owner_contacts.updated_at <= EXCLUDED.updated_at
     RETURNING owner_id`,
    [
      contacts.ownerId,
      contacts.name,
      JSON.stringify(contacts.channels),
      contacts.language,
      contacts.timeZone,
      contacts.deleted,
      contacts.updatedAt,
      eventId,
    ],
  );
  return changed.length > 0;
}

export interface ResolvedOwners {
  /** The owners whose contacts are known, in the order asked (a deleted owner is known, with no channels). */
  owners: Recipient[];
  missing: string[];
}

/** The owners named by id, as recipients (`owner:<id>`). */
export async function resolveOwners(manager: EntityManager, ownerIds: readonly string[]): Promise<ResolvedOwners> {
  if (ownerIds.length === 0) return { owners: [], missing: [] };
  const rows = ownerContactRows.parse(
    await manager.query(
      `SELECT owner_id, name, channels, language, time_zone, deleted FROM owner_contacts WHERE owner_id = ANY($1::uuid[])`,
      [[...ownerIds]],
    ),
  );
  const byId = new Map(rows.map((row) => [row.owner_id, row]));
  const owners: Recipient[] = [];
  const missing: string[] = [];
  for (const id of ownerIds) {
    const row = byId.get(id);
    if (!row) missing.push(id);
    else if (!row.deleted)
      owners.push({
        key: `owner:${id}`,
        name: row.name,
        channels: channelsSchema.parse(row.channels),
        language: row.language,
        timeZone: row.time_zone,
      });
  }
  return { owners, missing };
}

/** Parks an alert until its owners' contacts arrive. */
export async function awaitOwners(
  manager: EntityManager,
  eventId: string,
  goalId: string | null,
  ownerIds: readonly string[],
  envelope: unknown,
): Promise<void> {
  await manager.query(
    `INSERT INTO alerts_awaiting_owners (event_id, goal_id, owner_ids, envelope) VALUES ($1, $2, $3::uuid[], $4::jsonb) ON CONFLICT (event_id) DO NOTHING`,
    [eventId, goalId, [...ownerIds], JSON.stringify(envelope)],
  );
}

/** Whether an earlier alert of the goal is still waiting: a later one must wait behind it, so the goal's order holds. */
export async function goalHasWaitingAlerts(manager: EntityManager, goalId: string | null): Promise<boolean> {
  if (!goalId) return false;
  const [row] = await manager.query(`SELECT 1 FROM alerts_awaiting_owners WHERE goal_id = $1 LIMIT 1`, [goalId]);
  return !!row;
}

/** The waiting alerts, oldest first, locked for this transaction (another instance skips them). */
export async function waitingAlerts(manager: EntityManager): Promise<WaitingAlert[]> {
  return waitingAlertRows.parse(
    await manager.query(
      `SELECT position, event_id, goal_id, owner_ids::text[] AS owner_ids, envelope FROM alerts_awaiting_owners ORDER BY position FOR UPDATE SKIP LOCKED`,
    ),
  );
}

export async function releaseWaitingAlert(manager: EntityManager, position: string): Promise<void> {
  await manager.query(`DELETE FROM alerts_awaiting_owners WHERE position = $1`, [position]);
}
