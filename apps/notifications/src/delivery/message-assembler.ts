import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelKind, Recipient } from '@pejling/domain-alerting';
import { MessageBuilder, StoredItem } from './message-builder';
import { OutgoingMessage } from './channels';

export interface DeliveryRow {
  id: string;
  channel: ChannelKind;
  target: string;
  status: string;
  attempts: number;
  recipient: Recipient | null;
  municipality: string | null;
  endpoint_key: string | null;
  digest: { slot: string; episodeIds: string[]; changes: number } | null;
}

const WEBHOOK_TYPE: Record<string, string> = { acknowledged: 'episode.acknowledged', 'endpoint-disabled': 'endpoint.disabled' };

/** Puts together what a delivery says, from its items (or, for a digest, the episodes it covers). */
@Injectable()
export class MessageAssembler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly builder: MessageBuilder,
  ) {}

  async assemble(delivery: DeliveryRow, now: Date): Promise<OutgoingMessage | undefined> {
    const recipient = delivery.recipient ?? { key: 'unknown', name: delivery.target, channels: [], language: 'da' as const, timeZone: 'Europe/Copenhagen' };
    const base = { deliveryId: delivery.id, channel: delivery.channel, target: delivery.target, recipient };
    if (delivery.digest) {
      const rows = await this.digestRows(delivery.digest.episodeIds);
      const items = rows.map((row) => this.builder.toItem(row, recipient, now, 'digest'));
      const digest = { slot: delivery.digest.slot, changes: delivery.digest.changes };
      return { ...base, items, digest, webhookBody: { type: 'pejling.digest', body: { id: delivery.id, type: 'pejling.digest', sentAt: now.toISOString(), ...digest, items } } };
    }
    const rows = await this.builder.stored(delivery.id);
    if (rows.length === 0) return undefined;
    const items = rows.map((row) => this.builder.toItem(row, recipient, now));
    return { ...base, items, webhookBody: webhookBody(delivery.id, rows[0], now) };
  }

  /** Each open episode of a digest with its newest figures. */
  private digestRows(episodeIds: string[]): Promise<StoredItem[]> {
    return this.dataSource.query(
      `SELECT e.id, 'digest' AS step, '{}'::jsonb AS details, a.id AS alert_id, a.event_type, a.event_id, a.kind AS alert_kind, a.municipality AS alert_municipality, a.payload,
              e.id AS episode_id, e.kind AS episode_kind, e.status AS episode_status, e.opened_at, e.acknowledged_at, e.acknowledged_by, e.acknowledgement_note
         FROM episodes e JOIN alerts a ON a.id = e.last_alert_id WHERE e.id = ANY($1::uuid[]) ORDER BY e.opened_at`,
      [episodeIds],
    );
  }
}

/** The generic webhook body: one item per delivery, so integrators get one payload per event (`id` = delivery id for dedup). */
function webhookBody(deliveryId: string, row: StoredItem, now: Date): { type: string; body: object } {
  const type = row.step.startsWith('reminder-') ? 'episode.reminder' : (WEBHOOK_TYPE[row.step] ?? row.event_type ?? 'pejling.notification');
  const acknowledgement = row.acknowledged_at ? { by: row.acknowledged_by, note: row.acknowledgement_note, at: new Date(row.acknowledged_at).toISOString() } : null;
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
