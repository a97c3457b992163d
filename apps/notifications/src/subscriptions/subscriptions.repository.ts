import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { matchesEventType } from './event-types';

export const subscriptionRow = z.object({
  id: z.string().uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  municipalities: z.array(z.string()).nullable(),
  description: z.string(),
  contactEmail: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  consecutiveFailures: z.number().int(),
  disabledAt: z.date().nullable(),
  disabledReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Subscription = z.infer<typeof subscriptionRow>;

export interface NewSubscription {
  url: string;
  eventTypes: string[];
  municipalities: string[] | null;
  description: string;
  contactEmail: string | null;
  createdBy: string;
}

export type SubscriptionChanges = Partial<Pick<Subscription, 'url' | 'eventTypes' | 'municipalities' | 'description' | 'contactEmail'>> & {
  enabled?: boolean;
};

const COLUMNS = `id, url, event_types AS "eventTypes", municipalities, description, contact_email AS "contactEmail", status,
  consecutive_failures AS "consecutiveFailures", disabled_at AS "disabledAt", disabled_reason AS "disabledReason",
  created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

const parse = (rows: unknown[]): Subscription[] => rows.map((row) => subscriptionRow.parse(row));

/** Integrators' webhook subscriptions: all their SQL. */
@Injectable()
export class SubscriptionsRepository {
  async insert(manager: EntityManager, subscription: NewSubscription): Promise<Subscription> {
    const rows = await manager.query(
      `INSERT INTO subscriptions (id, url, event_types, municipalities, description, contact_email, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        subscription.url,
        subscription.eventTypes,
        subscription.municipalities,
        subscription.description,
        subscription.contactEmail,
        subscription.createdBy,
      ],
    );
    return parse(rows)[0];
  }

  /** `municipalities` null: all; else the subscriptions whose municipalities lie within them (a scoped principal's view). */
  async list(manager: EntityManager, municipalities: string[] | null): Promise<Subscription[]> {
    if (municipalities === null) return parse(await manager.query(`SELECT ${COLUMNS} FROM subscriptions ORDER BY created_at, id`));
    return parse(
      await manager.query(
        `SELECT ${COLUMNS} FROM subscriptions WHERE municipalities IS NOT NULL AND municipalities <@ $1::char(3)[] ORDER BY created_at, id`,
        [municipalities],
      ),
    );
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<Subscription | undefined> {
    return parse(await manager.query(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]))[0];
  }

  async update(manager: EntityManager, id: string, changes: SubscriptionChanges): Promise<Subscription> {
    const rows = await manager.query(
      `UPDATE subscriptions SET
         url = COALESCE($2, url),
         event_types = COALESCE($3, event_types),
         municipalities = CASE WHEN $4::boolean THEN $5::char(3)[] ELSE municipalities END,
         description = COALESCE($6, description),
         contact_email = CASE WHEN $7::boolean THEN $8 ELSE contact_email END,
         status = CASE WHEN $9::boolean IS NULL THEN status WHEN $9 THEN 'active' ELSE 'disabled' END,
         consecutive_failures = CASE WHEN $9::boolean THEN 0 ELSE consecutive_failures END,
         disabled_at = CASE WHEN $9::boolean IS NULL THEN disabled_at WHEN $9 THEN NULL ELSE COALESCE(disabled_at, now()) END,
         disabled_reason = CASE WHEN $9::boolean IS NULL THEN disabled_reason WHEN $9 THEN NULL ELSE COALESCE(disabled_reason, 'disabled by PATCH') END,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        changes.url ?? null,
        changes.eventTypes ?? null,
        'municipalities' in changes,
        changes.municipalities ?? null,
        changes.description ?? null,
        'contactEmail' in changes,
        changes.contactEmail ?? null,
        changes.enabled ?? null,
      ],
    );
    return parse(rows[0])[0];
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM subscriptions WHERE id = $1`, [id]);
  }

  /** Active subscriptions that want an event of this type and municipality. */
  async matching(manager: EntityManager, type: string, municipality: string): Promise<Subscription[]> {
    const candidates = parse(
      await manager.query(
        `SELECT ${COLUMNS} FROM subscriptions WHERE status = 'active' AND (municipalities IS NULL OR $1 = ANY(municipalities))`,
        [municipality],
      ),
    );
    return candidates.filter((subscription) => subscription.eventTypes.some((pattern) => matchesEventType(pattern, type)));
  }

  /** A failed attempt: counts the run of failures; returns the new count. */
  async countFailure(manager: EntityManager, id: string): Promise<number> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, affected].
    const [[row]] = await manager.query(
      `UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures AS n`,
      [id],
    );
    return row?.n ?? 0;
  }

  async resetFailures(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE subscriptions SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`, [id]);
  }

  /** Disables an active subscription; false when it was disabled already (another worker got there first). */
  async disable(manager: EntityManager, id: string, reason: string, at: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE subscriptions SET status = 'disabled', disabled_at = $3, disabled_reason = $2, updated_at = now() WHERE id = $1 AND status = 'active' RETURNING id`,
      [id, reason.slice(0, 2000), at],
    );
    return rows.length > 0;
  }
}
