import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Channel, groupKey, isGroupedChannel, itemKey, Recipient } from '@pejling/domain-alerting';

/** One step to tell one recipient on one channel: an alert opening an episode, a reminder, a recovery, an acknowledgement, a notice. */
export interface PlannedItem {
  /** The episode (or, for notices, the alert or endpoint) the step belongs to: part of the idempotency key. */
  subjectId: string;
  step: string;
  alertId: string | null;
  episodeId: string | null;
  recipient: Recipient;
  channel: Channel;
  municipality: string;
  details?: Record<string, unknown>;
}

/** A delivery to put on the queue once the transaction has committed. */
export interface QueuedDelivery {
  deliveryId: string;
  endpointKey: string;
  delayMs: number;
}

/** A short, stable key of an endpoint (channel + target): the rate-limit group, and the key of a disabled endpoint. */
export function endpointKeyOf(channel: Channel): string {
  return createHash('sha256').update(`${channel.type} ${channel.target}`).digest('hex').slice(0, 20);
}

/**
 * Adds items to messages inside the caller's transaction. For people (email, Teams, Slack) an item
 * joins the recipient's open group for its municipality or opens one that is sent when the group
 * window ends; a webhook gets each item as its own delivery. An item whose idempotency key exists
 * is skipped, so nothing is planned twice. Returns the new deliveries to queue after the commit.
 */
export async function planItems(manager: EntityManager, items: readonly PlannedItem[], groupWindowMs: number): Promise<QueuedDelivery[]> {
  const queued: QueuedDelivery[] = [];
  for (const item of items) {
    const key = itemKey(item.subjectId, item.recipient.key, item.channel.type, item.channel.target, item.step);
    const [exists] = await manager.query(`SELECT 1 FROM notification_items WHERE idempotency_key = $1`, [key]);
    if (exists) continue;
    const grouped = isGroupedChannel(item.channel.type) && groupWindowMs > 0;
    const endpointKey = endpointKeyOf(item.channel);
    let deliveryId: string | undefined;
    if (grouped) {
      const group = groupKey(item.recipient.key, item.channel.type, item.channel.target, item.municipality);
      deliveryId = await joinOpenGroup(manager, group);
      if (!deliveryId) {
        deliveryId = await insertDelivery(manager, item, endpointKey, 'grouping', group);
        if (deliveryId) queued.push({ deliveryId, endpointKey, delayMs: groupWindowMs });
        else deliveryId = await joinOpenGroup(manager, group); // another transaction opened it first
      }
    } else {
      deliveryId = await insertDelivery(manager, item, endpointKey, 'pending', null);
      if (deliveryId) queued.push({ deliveryId, endpointKey, delayMs: 0 });
    }
    if (!deliveryId) throw new Error(`could not find or open a delivery for ${key}`);
    await manager.query(
      `INSERT INTO notification_items (id, idempotency_key, delivery_id, alert_id, episode_id, step, details) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [randomUUID(), key, deliveryId, item.alertId, item.episodeId, item.step, item.details ?? {}],
    );
  }
  return queued;
}

/** The open group's delivery, locked: its sender waits for this transaction, so the item cannot miss the message. */
async function joinOpenGroup(manager: EntityManager, group: string): Promise<string | undefined> {
  const [open] = await manager.query(`SELECT id FROM deliveries WHERE group_key = $1 AND status = 'grouping' FOR UPDATE`, [group]);
  return open?.id;
}

async function insertDelivery(manager: EntityManager, item: PlannedItem, endpointKey: string, status: 'grouping' | 'pending', group: string | null): Promise<string | undefined> {
  const [row] = await manager.query(
    `INSERT INTO deliveries (id, alert_id, channel, target, status, recipient, group_key, municipality, endpoint_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (group_key) WHERE status = 'grouping' DO NOTHING RETURNING id`,
    [randomUUID(), item.alertId, item.channel.type, item.channel.target, status, item.recipient, group, item.municipality, endpointKey],
  );
  return row?.id;
}
