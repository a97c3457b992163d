import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { contactViewSchema } from '@pejling/contracts';
import { named } from '../persistence/named-parameters';

export interface OwnerContact {
  name: string;
  email?: string | null;
  webhookUrl?: string | null;
  teamsWebhookUrl?: string | null;
  slackWebhookUrl?: string | null;
}

const ownerRow = z.object({ id: z.string(), email: z.string().nullable(), webhook_url: z.string().nullable() });
/** An owner's id and the contacts a goal row copies (its primary owner's). */
export type OwnerRow = z.infer<typeof ownerRow>;

// The driver answers timestamptz as a Date; the API answers it as ISO text.
const isoText = z.date().transform((at) => at.toISOString());
const ownerViewRow = contactViewSchema.extend({
  // As stored: the view schema's uuid check is for the API's documentation, not for rows read back.
  id: z.string(),
  goals: z.number().int(),
  municipalities: z.array(z.string()),
  createdAt: isoText,
  updatedAt: isoText,
});
/** An owner as the API shows it, with the municipalities of the live goals it owns (its scope). */
export type OwnerView = z.infer<typeof ownerViewRow>;

export interface OwnerContactPatch {
  email?: string | null;
  webhookUrl?: string | null;
  teamsWebhookUrl?: string | null;
  slackWebhookUrl?: string | null;
  language?: 'da' | 'en';
  timeZone?: string;
}

/** An owner's contacts as the internal owners topic carries them. */
const ownerContactsRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  webhook_url: z.string().nullable(),
  teams_webhook_url: z.string().nullable(),
  slack_webhook_url: z.string().nullable(),
  language: z.enum(['da', 'en']),
  time_zone: z.string(),
  updated_at: z.date(),
});
export type OwnerContactsRow = z.infer<typeof ownerContactsRow>;

const CONTACTS = `SELECT id, name, email, webhook_url, teams_webhook_url, slack_webhook_url, language, time_zone, updated_at FROM owners`;

const OWNER_VIEW = `
  SELECT o.id, o.name, o.email, o.webhook_url AS "webhookUrl", o.teams_webhook_url AS "teamsWebhookUrl", o.slack_webhook_url AS "slackWebhookUrl",
         o.language, o.time_zone AS "timeZone",
         (SELECT count(*)::int FROM goals g JOIN goal_owners go ON go.goal_id = g.id WHERE go.owner_id = o.id AND g.deleted_at IS NULL) AS goals,
         ARRAY(SELECT DISTINCT g.municipality::text FROM goals g JOIN goal_owners go ON go.goal_id = g.id WHERE go.owner_id = o.id AND g.deleted_at IS NULL ORDER BY 1) AS municipalities,
         o.created_at AS "createdAt", o.updated_at AS "updatedAt"
    FROM owners o`;

/**
 * Owners and which goals they own. Every method takes the transaction's manager when it runs in
 * one; without it, it reads on its own connection.
 */
@Injectable()
export class OwnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Finds or creates an owner by name. Contact details given here replace the stored ones; details
   * left out (a plan file names only the committee) keep what an admin set.
   */
  async ensure(owner: OwnerContact, manager: EntityManager = this.dataSource.manager): Promise<OwnerRow> {
    const [row] = await manager.query(
      `INSERT INTO owners (name, email, webhook_url, teams_webhook_url, slack_webhook_url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO UPDATE SET
         email = COALESCE(EXCLUDED.email, owners.email), webhook_url = COALESCE(EXCLUDED.webhook_url, owners.webhook_url),
         teams_webhook_url = COALESCE(EXCLUDED.teams_webhook_url, owners.teams_webhook_url),
         slack_webhook_url = COALESCE(EXCLUDED.slack_webhook_url, owners.slack_webhook_url), updated_at = now()
       RETURNING id, email, webhook_url`,
      [owner.name, owner.email ?? null, owner.webhookUrl ?? null, owner.teamsWebhookUrl ?? null, owner.slackWebhookUrl ?? null],
    );
    return ownerRow.parse(row);
  }

  /** Makes `ownerIds` (in order) the owners of a goal; the first is also the goal's primary owner. */
  async setGoalOwners(goalId: string, ownerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM goal_owners WHERE goal_id = $1 AND NOT (owner_id = ANY($2::uuid[]))`, [goalId, ownerIds]);
    await manager.query(
      `INSERT INTO goal_owners (goal_id, owner_id, position) SELECT $1, o.id, o.position - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, position)
       ON CONFLICT (goal_id, owner_id) DO UPDATE SET position = EXCLUDED.position`,
      [goalId, ownerIds],
    );
  }

  /** Copies an owner's contact to the goals it is the primary owner of (the goal view shows it). */
  async syncToGoals(ownerId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE goals g SET owner_name = o.name, owner_email = o.email, owner_webhook_url = o.webhook_url, updated_at = now()
         FROM owners o WHERE o.id = $1 AND g.owner_id = o.id`,
      [ownerId],
    );
  }

  /** `municipalities`: the principal's scope (`null`: all); a scoped principal sees the owners of its municipalities' goals. */
  async list(municipalities: string[] | null, manager: EntityManager = this.dataSource.manager): Promise<OwnerView[]> {
    const rows: unknown[] = await manager.query(
      `SELECT * FROM (${OWNER_VIEW}) o WHERE ($1::text[] IS NULL OR o.municipalities && $1::text[]) ORDER BY o.name`,
      [municipalities],
    );
    return rows.map((row) => ownerViewRow.parse(row));
  }

  async findView(id: string, manager: EntityManager = this.dataSource.manager): Promise<OwnerView | undefined> {
    const [owner] = await manager.query(`${OWNER_VIEW} WHERE o.id::text = $1`, [id]);
    return owner ? ownerViewRow.parse(owner) : undefined;
  }

  /** Fields present in the patch are set (null clears a channel); absent ones are kept. */
  async updateContact(id: string, patch: OwnerContactPatch, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const [sql, parameters] = named(
      `UPDATE owners SET
         email = CASE WHEN :setEmail THEN :email ELSE email END, webhook_url = CASE WHEN :setWebhook THEN :webhookUrl ELSE webhook_url END,
         language = COALESCE(:language, language), time_zone = COALESCE(:timeZone, time_zone),
         teams_webhook_url = CASE WHEN :setTeams THEN :teamsWebhookUrl ELSE teams_webhook_url END,
         slack_webhook_url = CASE WHEN :setSlack THEN :slackWebhookUrl ELSE slack_webhook_url END,
         updated_at = now()
       WHERE id = :id`,
      {
        id,
        setEmail: 'email' in patch,
        email: patch.email ?? null,
        setWebhook: 'webhookUrl' in patch,
        webhookUrl: patch.webhookUrl ?? null,
        language: patch.language ?? null,
        timeZone: patch.timeZone ?? null,
        setTeams: 'teamsWebhookUrl' in patch,
        teamsWebhookUrl: patch.teamsWebhookUrl ?? null,
        setSlack: 'slackWebhookUrl' in patch,
        slackWebhookUrl: patch.slackWebhookUrl ?? null,
      },
    );
    await manager.query(sql, parameters);
  }

  /** Soft-deleted goals keep their history but no longer hold on to the owner. */
  async delete(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM goal_owners WHERE owner_id = $1`, [id]);
    await manager.query(`DELETE FROM owners WHERE id = $1`, [id]);
  }

  /** The contacts of the given owners as they are now (in the caller's transaction), by name. */
  async contacts(ownerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<OwnerContactsRow[]> {
    if (ownerIds.length === 0) return [];
    const rows: unknown[] = await manager.query(`${CONTACTS} WHERE id = ANY($1::uuid[]) ORDER BY name`, [[...new Set(ownerIds)]]);
    return rows.map((row) => ownerContactsRow.parse(row));
  }

  /** Every owner's contacts, by name. */
  async allContacts(manager: EntityManager = this.dataSource.manager): Promise<OwnerContactsRow[]> {
    const rows: unknown[] = await manager.query(`${CONTACTS} ORDER BY name`);
    return rows.map((row) => ownerContactsRow.parse(row));
  }
}
