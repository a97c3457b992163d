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

/** An owner as the API shows it, with the municipalities of the live goals it owns (its scope). */
export interface OwnerView {
  id: string;
  name: string;
  email: string | null;
  webhookUrl: string | null;
  teamsWebhookUrl: string | null;
  slackWebhookUrl: string | null;
  language: 'da' | 'en';
  timeZone: string;
  goals: number;
  municipalities: string[];
  createdAt: string;
  updatedAt: string;
}

export interface OwnerContactPatch {
  email?: string | null;
  webhookUrl?: string | null;
  teamsWebhookUrl?: string | null;
  slackWebhookUrl?: string | null;
  language?: 'da' | 'en';
  timeZone?: string;
}

const OWNER_VIEW = `
  SELECT o.id, o.name, o.email, o.webhook_url AS "webhookUrl", o.teams_webhook_url AS "teamsWebhookUrl", o.slack_webhook_url AS "slackWebhookUrl",
         o.language, o.time_zone AS "timeZone",
         (SELECT count(*)::int FROM goals g JOIN goal_owners go ON go.goal_id = g.id WHERE go.owner_id = o.id AND g.deleted_at IS NULL) AS goals,
         ARRAY(SELECT DISTINCT g.municipality::text FROM goals g JOIN goal_owners go ON go.goal_id = g.id WHERE go.owner_id = o.id AND g.deleted_at IS NULL ORDER BY 1) AS municipalities,
         o.created_at AS "createdAt", o.updated_at AS "updatedAt"
    FROM owners o`;

/** `municipalities`: the principal's scope (`null`: all); a scoped principal sees the owners of its municipalities' goals. */
export async function listOwners(manager: EntityManager, municipalities: string[] | null): Promise<OwnerView[]> {
  return manager.query(`SELECT * FROM (${OWNER_VIEW}) o WHERE ($1::text[] IS NULL OR o.municipalities && $1::text[]) ORDER BY o.name`, [municipalities]);
}

export async function findOwnerView(manager: EntityManager, id: string): Promise<OwnerView | undefined> {
  const [owner] = await manager.query(`${OWNER_VIEW} WHERE o.id::text = $1`, [id]);
  return owner;
}

/** Fields present in the patch are set (null clears a channel); absent ones are kept. */
export async function updateOwnerContact(manager: EntityManager, id: string, patch: OwnerContactPatch): Promise<void> {
  await manager.query(
    `UPDATE owners SET
       email = CASE WHEN $2 THEN $3 ELSE email END, webhook_url = CASE WHEN $4 THEN $5 ELSE webhook_url END,
       language = COALESCE($6, language), time_zone = COALESCE($7, time_zone),
       teams_webhook_url = CASE WHEN $8 THEN $9 ELSE teams_webhook_url END, slack_webhook_url = CASE WHEN $10 THEN $11 ELSE slack_webhook_url END,
       updated_at = now()
     WHERE id = $1`,
    [
      id, 'email' in patch, patch.email ?? null, 'webhookUrl' in patch, patch.webhookUrl ?? null, patch.language ?? null, patch.timeZone ?? null,
      'teamsWebhookUrl' in patch, patch.teamsWebhookUrl ?? null, 'slackWebhookUrl' in patch, patch.slackWebhookUrl ?? null,
    ],
  );
}

/** Soft-deleted goals keep their history but no longer hold on to the owner. */
export async function deleteOwner(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`DELETE FROM goal_owners WHERE owner_id = $1`, [id]);
  await manager.query(`DELETE FROM owners WHERE id = $1`, [id]);
}
