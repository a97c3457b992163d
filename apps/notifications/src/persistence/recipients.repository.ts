import { EntityManager } from 'typeorm';
import { Channel, Recipient, RoutingRule } from '@pejling/domain-alerting';

export interface RecipientRow {
  id: string;
  name: string;
  email: string | null;
  webhook_url: string | null;
  teams_webhook_url: string | null;
  slack_webhook_url: string | null;
  language: 'da' | 'en';
  time_zone: string;
  digest: 'off' | 'daily' | 'weekly';
  digest_hour: number;
}

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
  const rules = await manager.query(
    `SELECT id, plan_id, municipality, focus_area, goal_id, severities, kinds, recipient_ids, enabled FROM routing_rules WHERE enabled ORDER BY position`,
  );
  const recipientRows: RecipientRow[] = await manager.query(`SELECT * FROM recipients`);
  return {
    rules: rules.map((row: Record<string, unknown>) => ({
      id: row.id as string,
      planId: (row.plan_id as string) ?? null,
      municipality: (row.municipality as string) ?? null,
      focusArea: (row.focus_area as string) ?? null,
      goalId: (row.goal_id as string) ?? null,
      severities: row.severities as RoutingRule['severities'],
      kinds: row.kinds as RoutingRule['kinds'],
      recipientIds: row.recipient_ids as string[],
      enabled: row.enabled as boolean,
    })),
    recipients: new Map(recipientRows.map((row) => [row.id, toRecipient(row)])),
  };
}
