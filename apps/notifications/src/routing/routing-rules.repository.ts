import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { insertOf, updateOf } from '../persistence/column-writes';
import { routingRuleViewSchema } from './routing-response';

// The row is the API's view with the timestamps as the driver returns them (Date, not ISO text).
const routingRuleRow = routingRuleViewSchema.extend({ createdAt: z.date(), updatedAt: z.date() });
/** A routing_rules row as the routing API reads and writes it. */
export type RoutingRuleRecord = z.infer<typeof routingRuleRow>;
/** The fields an admin sets; absent ones keep their default (insert) or value (update). */
export type RoutingRuleFields = Partial<Omit<RoutingRuleRecord, 'id' | 'position' | 'createdAt' | 'updatedAt'>>;

const FIELDS = `id, name, plan_id AS "planId", municipality, focus_area AS "focusArea", goal_id AS "goalId", severities, kinds,
                recipient_ids AS "recipientIds", enabled, position, created_at AS "createdAt", updated_at AS "updatedAt"`;
const VIEW = `SELECT ${FIELDS} FROM routing_rules`;
const COLUMNS = {
  name: 'name',
  planId: 'plan_id',
  municipality: 'municipality',
  focusArea: 'focus_area',
  goalId: 'goal_id',
  severities: 'severities',
  kinds: 'kinds',
  recipientIds: 'recipient_ids',
  enabled: 'enabled',
} as const satisfies Record<keyof RoutingRuleFields, string>;

/** The routing table as admins edit it (alert intake reads it through `loadRouting`). */
@Injectable()
export class RoutingRulesRepository {
  async list(manager: EntityManager): Promise<RoutingRuleRecord[]> {
    return (await manager.query(`${VIEW} ORDER BY position`)).map((row: unknown) => routingRuleRow.parse(row));
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<RoutingRuleRecord | undefined> {
    const [row] = await manager.query(`${VIEW} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? routingRuleRow.parse(row) : undefined;
  }

  async insert(manager: EntityManager, fields: RoutingRuleFields): Promise<RoutingRuleRecord> {
    const [sql, parameters] = insertOf('routing_rules', COLUMNS, fields, FIELDS);
    const [row] = await manager.query(sql, parameters);
    return routingRuleRow.parse(row);
  }

  /** The changed rule (of an existing id). */
  async update(manager: EntityManager, id: string, fields: RoutingRuleFields): Promise<RoutingRuleRecord> {
    const [sql, parameters] = updateOf('routing_rules', COLUMNS, id, fields, FIELDS);
    // An UPDATE … RETURNING answers [rows, count].
    const [[row]] = await manager.query(sql, parameters);
    return routingRuleRow.parse(row);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM routing_rules WHERE id = $1`, [id]);
  }

  /** How many rules name the recipient (it cannot be deleted while any do). */
  async countNaming(manager: EntityManager, recipientId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM routing_rules WHERE $1 = ANY(recipient_ids)`, [recipientId]);
    return z.object({ n: z.number().int() }).parse(row).n;
  }
}
