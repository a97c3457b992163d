import { EntityManager } from 'typeorm';

export interface OwnerContact {
  name: string;
  email?: string | null;
  webhookUrl?: string | null;
  teamsWebhookUrl?: string | null;
  slackWebhookUrl?: string | null;
}

export interface OwnerRow {
  id: string;
  email: string | null;
  webhook_url: string | null;
}

/**
 * Finds or creates an owner by name. Contact details given here replace the stored ones; details
 * left out (a plan file names only the committee) keep what an admin set.
 */
export async function ensureOwner(manager: EntityManager, owner: OwnerContact): Promise<OwnerRow> {
  const [row] = await manager.query(
    `INSERT INTO owners (name, email, webhook_url, teams_webhook_url, slack_webhook_url) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (name) DO UPDATE SET
       email = COALESCE(EXCLUDED.email, owners.email), webhook_url = COALESCE(EXCLUDED.webhook_url, owners.webhook_url),
       teams_webhook_url = COALESCE(EXCLUDED.teams_webhook_url, owners.teams_webhook_url),
       slack_webhook_url = COALESCE(EXCLUDED.slack_webhook_url, owners.slack_webhook_url), updated_at = now()
     RETURNING id, email, webhook_url`,
    [owner.name, owner.email ?? null, owner.webhookUrl ?? null, owner.teamsWebhookUrl ?? null, owner.slackWebhookUrl ?? null],
  );
  return row;
}

/** Makes `ownerIds` (in order) the owners of a goal; the first is also the goal's primary owner. */
export async function setGoalOwners(manager: EntityManager, goalId: string, ownerIds: readonly string[]): Promise<void> {
  await manager.query(`DELETE FROM goal_owners WHERE goal_id = $1 AND NOT (owner_id = ANY($2::uuid[]))`, [goalId, ownerIds]);
  await manager.query(
    `INSERT INTO goal_owners (goal_id, owner_id, position) SELECT $1, o.id, o.position - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, position)
     ON CONFLICT (goal_id, owner_id) DO UPDATE SET position = EXCLUDED.position`,
    [goalId, ownerIds],
  );
}

/** Copies an owner's contact to the goals it is the primary owner of (the goal view shows it). */
export async function syncOwnerToGoals(manager: EntityManager, ownerId: string): Promise<void> {
  await manager.query(
    `UPDATE goals g SET owner_name = o.name, owner_email = o.email, owner_webhook_url = o.webhook_url, updated_at = now()
       FROM owners o WHERE o.id = $1 AND g.owner_id = o.id`,
    [ownerId],
  );
}
