import { createHash } from 'node:crypto';
import { Channel, groupKey, isGroupedChannel, itemKey, Recipient } from '@pejling/domain-alerting';
import { UnitOfWork } from '@pejling/platform';
import { insertDelivery, insertItem, itemExists, lockOpenGroup } from './planned-deliveries.repository';

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
export async function planItems(
  manager: UnitOfWork['manager'],
  items: readonly PlannedItem[],
  groupWindowMs: number,
): Promise<QueuedDelivery[]> {
  const queued: QueuedDelivery[] = [];
  for (const item of items) {
    const key = itemKey(item.subjectId, item.recipient.key, item.channel.type, item.channel.target, item.step);
    if (await itemExists(manager, key)) continue;
    const grouped = isGroupedChannel(item.channel.type) && groupWindowMs > 0;
    const endpointKey = endpointKeyOf(item.channel);
    const delivery = {
      alertId: item.alertId,
      channel: item.channel.type,
      target: item.channel.target,
      recipient: item.recipient,
      municipality: item.municipality,
      endpointKey,
    };
    let deliveryId: string | undefined;
    if (grouped) {
      const group = groupKey(item.recipient.key, item.channel.type, item.channel.target, item.municipality);
      deliveryId = await lockOpenGroup(manager, group);
      if (!deliveryId) {
        deliveryId = await insertDelivery(manager, { ...delivery, status: 'grouping', groupKey: group });
        if (deliveryId) queued.push({ deliveryId, endpointKey, delayMs: groupWindowMs });
        else deliveryId = await lockOpenGroup(manager, group); // another transaction opened it first
      }
    } else {
      deliveryId = await insertDelivery(manager, { ...delivery, status: 'pending', groupKey: null });
      if (deliveryId) queued.push({ deliveryId, endpointKey, delayMs: 0 });
    }
    if (!deliveryId) throw new Error(`could not find or open a delivery for ${key}`);
    await insertItem(manager, {
      idempotencyKey: key,
      deliveryId,
      alertId: item.alertId,
      episodeId: item.episodeId,
      step: item.step,
      details: item.details ?? {},
    });
  }
  return queued;
}
