import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@pejling/platform';
import { OutgoingMessage } from './channels';
import { DeliveryRow } from './deliveries.repository';
import { deliveryItems, digestItems, StoredItem } from './delivery-items.repository';
import { MessageBuilder } from './message-builder';

const WEBHOOK_TYPE: Record<string, string> = { acknowledged: 'episode.acknowledged', 'endpoint-disabled': 'endpoint.disabled' };

/** Puts together what a delivery says, from its items (or, for a digest, the episodes it covers). */
@Injectable()
export class MessageAssembler {
  constructor(private readonly builder: MessageBuilder) {}

  async assemble(manager: UnitOfWork['manager'], delivery: DeliveryRow, now: Date): Promise<OutgoingMessage | undefined> {
    const recipient = delivery.recipient ?? {
      key: 'unknown',
      name: delivery.target,
      channels: [],
      language: 'da' as const,
      timeZone: 'Europe/Copenhagen',
    };
    const base = { deliveryId: delivery.id, channel: delivery.channel, target: delivery.target, recipient };
    if (delivery.digest) {
      const rows = await digestItems(manager, delivery.digest.episodeIds);
      const items = rows.map((row) => this.builder.toItem(row, recipient, now, 'digest'));
      const digest = { slot: delivery.digest.slot, changes: delivery.digest.changes };
      return {
        ...base,
        items,
        digest,
        webhookBody: {
          type: 'pejling.digest',
          body: { id: delivery.id, type: 'pejling.digest', sentAt: now.toISOString(), ...digest, items },
        },
      };
    }
    const rows = await deliveryItems(manager, delivery.id);
    if (rows.length === 0) return undefined;
    const items = rows.map((row) => this.builder.toItem(row, recipient, now));
    return { ...base, items, webhookBody: webhookBody(delivery.id, rows[0], now) };
  }
}

/** The generic webhook body: one item per delivery, so integrators get one payload per event (`id` = delivery id for dedup). */
function webhookBody(deliveryId: string, row: StoredItem, now: Date): { type: string; body: object } {
  const type = row.step.startsWith('reminder-') ? 'episode.reminder' : (WEBHOOK_TYPE[row.step] ?? row.event_type ?? 'pejling.notification');
  const acknowledgement = row.acknowledged_at
    ? { by: row.acknowledged_by, note: row.acknowledgement_note, at: new Date(row.acknowledged_at).toISOString() }
    : null;
  return {
    type,
    body: {
      id: deliveryId,
      type,
      eventId: row.event_id,
      episodeId: row.episode_id,
      step: row.step,
      sentAt: now.toISOString(),
      data: row.payload ?? row.details,
      acknowledgement,
    },
  };
}
