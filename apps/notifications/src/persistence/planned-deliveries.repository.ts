import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Channel, ChannelKind, Recipient } from '@pejling/domain-alerting';

const idRow = z.object({ id: z.string() });

/** Whether an item with this idempotency key was planned already. */
export async function itemExists(manager: EntityManager, idempotencyKey: string): Promise<boolean> {
  const [row] = await manager.query(`SELECT 1 FROM notification_items WHERE idempotency_key = $1`, [idempotencyKey]);
  return row !== undefined;
}

/** The open group's delivery, locked: its sender waits for this transaction, so the item cannot miss the message. */
export async function lockOpenGroup(manager: EntityManager, groupKey: string): Promise<string | undefined> {
  const [row] = await manager.query(`SELECT id FROM deliveries WHERE group_key = $1 AND status = 'grouping' FOR UPDATE`, [groupKey]);
  return row ? idRow.parse(row).id : undefined;
}

export interface NewDelivery {
  alertId: string | null;
  channel: ChannelKind;
  target: string;
  /** `grouping`: an open group, sent when its window ends; `pending`: sent at once. */
  status: 'grouping' | 'pending';
  recipient: Recipient;
  groupKey: string | null;
  municipality: string;
  endpointKey: string;
}

/** A new delivery's id; undefined when another transaction opened the same group first. */
export async function insertDelivery(manager: EntityManager, delivery: NewDelivery): Promise<string | undefined> {
  const [row] = await manager.query(
    `INSERT INTO deliveries (id, alert_id, channel, target, status, recipient, group_key, municipality, endpoint_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (group_key) WHERE status = 'grouping' DO NOTHING RETURNING id`,
    [
      randomUUID(),
      delivery.alertId,
      delivery.channel,
      delivery.target,
      delivery.status,
      delivery.recipient,
      delivery.groupKey,
      delivery.municipality,
      delivery.endpointKey,
    ],
  );
  return row ? idRow.parse(row).id : undefined;
}

export interface NewItem {
  idempotencyKey: string;
  deliveryId: string;
  alertId: string | null;
  episodeId: string | null;
  step: string;
  details: Record<string, unknown>;
}

export async function insertItem(manager: EntityManager, item: NewItem): Promise<void> {
  await manager.query(
    `INSERT INTO notification_items (id, idempotency_key, delivery_id, alert_id, episode_id, step, details) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [randomUUID(), item.idempotencyKey, item.deliveryId, item.alertId, item.episodeId, item.step, item.details],
  );
}

export interface NewDigest {
  channel: Channel;
  recipient: Recipient;
  /** One digest per recipient, channel and slot, however often the sweep runs. */
  dedupKey: string;
  endpointKey: string;
  digest: { slot: string; episodeIds: string[]; changes: number };
}

/** A digest delivery's id; undefined when the slot's digest exists. */
export async function insertDigestDelivery(manager: EntityManager, digest: NewDigest): Promise<string | undefined> {
  const [row] = await manager.query(
    `INSERT INTO deliveries (id, channel, target, status, recipient, dedup_key, municipality, endpoint_key, digest)
     VALUES ($1, $2, $3, 'pending', $4, $5, NULL, $6, $7) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
    [randomUUID(), digest.channel.type, digest.channel.target, digest.recipient, digest.dedupKey, digest.endpointKey, digest.digest],
  );
  return row ? idRow.parse(row).id : undefined;
}
