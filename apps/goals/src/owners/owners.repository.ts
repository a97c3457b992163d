import { EntityManager } from 'typeorm';

export interface OwnerContact {
  name: string;
  email?: string | null;
  webhookUrl?: string | null;
}

/**
 * Finds or creates an owner by name. Contact details given here replace the stored ones; details
 * left out (a plan file names only the committee) keep what an admin set.
 */
export async function ensureOwner(manager: EntityManager, owner: OwnerContact): Promise<{ id: string; email: string | null; webhook_url: string | null }> {
  const [row] = await manager.query(
    `INSERT INTO owners (name, email, webhook_url) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET
       email = COALESCE(EXCLUDED.email, owners.email), webhook_url = COALESCE(EXCLUDED.webhook_url, owners.webhook_url), updated_at = now()
     RETURNING id, email, webhook_url`,
    [owner.name, owner.email ?? null, owner.webhookUrl ?? null],
  );
  return row;
}

/** Copies an owner's contact to its goals, which carry it into alerts. */
export async function syncOwnerToGoals(manager: EntityManager, ownerId: string): Promise<void> {
  await manager.query(
    `UPDATE goals g SET owner_name = o.name, owner_email = o.email, owner_webhook_url = o.webhook_url, updated_at = now()
       FROM owners o WHERE o.id = $1 AND g.owner_id = o.id`,
    [ownerId],
  );
}
