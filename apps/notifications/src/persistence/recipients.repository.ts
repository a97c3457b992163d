import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ALERT_KINDS, Channel, Recipient, RoutingRule } from '@pejling/domain-alerting';

const recipientRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  webhook_url: z.string().nullable(),
  teams_webhook_url: z.string().nullable(),
  slack_webhook_url: z.string().nullable(),
  language: z.enum(['da', 'en']),
  time_zone: z.string(),
  digest: z.enum(['off', 'daily', 'weekly']),
  digest_hour: z.number().int(),
});
export type RecipientRow = z.infer<typeof recipientRow>;

const routingRuleRow = z.object({
  id: z.string(),
  plan_id: z.string().nullable(),
  municipality: z.string().nullable(),
  focus_area: z.string().nullable(),
  goal_id: z.string().nullable(),
  severities: z.array(z.enum(['critical', 'major', 'minor'])),
  kinds: z.array(z.enum(ALERT_KINDS)),
  recipient_ids: z.array(z.string()),
  enabled: z.boolean(),
});

export function channelsOf(row: Pick<RecipientRow, 'email' | 'webhook_url' | 'teams_webhook_url' | 'slack_webhook_url'>): Channel[] {
  return [
    ...(row.email ? [{ type: 'email' as const, target: row.email }] : []),
    ...(row.webhook_url ? [{ type: 'webhook' as const, target: row.webhook_url }] : []),
    ...(row.teams_webhook_url ? [{ type: 'teams' as const, target: row.teams_webhook_url }] : []),
    ...(row.slack_webhook_url ? [{ type: 'slack' as const, target: row.slack_webhook_url }] : []),
  ];
}

export function toRecipient(row: RecipientRow): Recipient {
  return { key: `recipient:${row.id}`, name: row.name, channels: channelsOf(row), language: row.language, timeZone: row.time_zone };
}

/** The routing table: enabled rules in their order, and the recipients they name. */
export async function loadRouting(manager: EntityManager): Promise<{ rules: RoutingRule[]; recipients: Map<string, Recipient> }> {
  const rules = z
    .array(routingRuleRow)
    .parse(
      await manager.query(
        `SELECT id, plan_id, municipality, focus_area, goal_id, severities, kinds, recipient_ids, enabled FROM routing_rules WHERE enabled ORDER BY position`,
      ),
    );
  const recipientRows = z.array(recipientRow).parse(await manager.query(`SELECT * FROM recipients`));
  return {
    rules: rules.map((row) => ({
      id: row.id,
      planId: row.plan_id,
      municipality: row.municipality,
      focusArea: row.focus_area,
      goalId: row.goal_id,
      severities: row.severities,
      kinds: row.kinds,
      recipientIds: row.recipient_ids,
      enabled: row.enabled,
    })),
    recipients: new Map(recipientRows.map((row) => [row.id, toRecipient(row)])),
  };
}

/** Recipients who asked for a digest. */
export async function digestRecipients(manager: EntityManager): Promise<RecipientRow[]> {
  return z.array(recipientRow).parse(await manager.query(`SELECT * FROM recipients WHERE digest <> 'off'`));
}
