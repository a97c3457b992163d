import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { insertOf, updateOf } from '../persistence/column-writes';
import { recipientViewSchema } from './routing-response';

// The row is the API's view with the timestamps as the driver returns them (Date, not ISO text).
const recipientRow = recipientViewSchema.extend({ createdAt: z.date(), updatedAt: z.date() });
/** A recipient as the routing API reads and writes it (the whole row, channels unmasked). */
export type RecipientRecord = z.infer<typeof recipientRow>;
/** The fields an admin sets; absent ones keep their default (insert) or value (update). */
export type RecipientFields = Partial<Omit<RecipientRecord, 'id' | 'createdAt' | 'updatedAt'>>;

const FIELDS = `id, name, email, webhook_url AS "webhookUrl", teams_webhook_url AS "teamsWebhookUrl", slack_webhook_url AS "slackWebhookUrl",
                language, time_zone AS "timeZone", digest, digest_hour AS "digestHour", created_at AS "createdAt", updated_at AS "updatedAt"`;
const VIEW = `SELECT ${FIELDS} FROM recipients`;
const COLUMNS = {
  name: 'name',
  email: 'email',
  webhookUrl: 'webhook_url',
  teamsWebhookUrl: 'teams_webhook_url',
  slackWebhookUrl: 'slack_webhook_url',
  language: 'language',
  timeZone: 'time_zone',
  digest: 'digest',
  digestHour: 'digest_hour',
} as const satisfies Record<keyof RecipientFields, string>;

/** Recipient names are unique; the only unique violation a write of ours can hit. */
const nameTaken = (error: { code?: string }) => error.code === '23505';

/** The recipients that routing rules name (the routing table's own read is `loadRouting`). */
@Injectable()
export class RecipientsRepository {
  async list(manager: EntityManager): Promise<RecipientRecord[]> {
    return (await manager.query(`${VIEW} ORDER BY name`)).map((row: unknown) => recipientRow.parse(row));
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<RecipientRecord | undefined> {
    const [row] = await manager.query(`${VIEW} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? recipientRow.parse(row) : undefined;
  }

  /** The new recipient; undefined when the name is taken. */
  async insert(manager: EntityManager, fields: RecipientFields): Promise<RecipientRecord | undefined> {
    const [sql, parameters] = insertOf('recipients', COLUMNS, fields, FIELDS);
    try {
      const [row] = await manager.query(sql, parameters);
      return recipientRow.parse(row);
    } catch (error) {
      if (nameTaken(error as { code?: string })) return undefined;
      throw error;
    }
  }

  /** The changed recipient (of an existing id); undefined when the new name is taken. */
  async update(manager: EntityManager, id: string, fields: RecipientFields): Promise<RecipientRecord | undefined> {
    const [sql, parameters] = updateOf('recipients', COLUMNS, id, fields, FIELDS);
    try {
      // An UPDATE … RETURNING answers [rows, count].
      const [[row]] = await manager.query(sql, parameters);
      return recipientRow.parse(row);
    } catch (error) {
      if (nameTaken(error as { code?: string })) return undefined;
      throw error;
    }
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM recipients WHERE id = $1`, [id]);
  }

  /** Which of `ids` name a recipient. */
  async existing(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows = await manager.query(`SELECT id FROM recipients WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(
      z
        .array(z.object({ id: z.string().uuid() }))
        .parse(rows)
        .map((row) => row.id),
    );
  }
}
