import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { dueDigestSlot } from '@pejling/domain-alerting';
import { Transactions } from '@pejling/platform';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { endpointKeyOf, QueuedDelivery } from '../persistence/delivery-planner';
import { RecipientRow, toRecipient } from '../persistence/recipients.repository';

const LOOKBACK_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

/**
 * Daily or weekly summaries per recipient (opt-in, in their time zone and from their hour): the
 * episodes open for them and how many things changed since the previous digest. One digest per
 * recipient, channel and slot (a unique key), however often the sweep runs and on however many instances.
 */
@Injectable()
export class Digests {
  private readonly logger = new Logger(Digests.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly queue: DeliveryQueue,
  ) {}

  async sweep(now: Date): Promise<number> {
    const queued = await this.transactions.run(async ({ manager }) => {
      const recipients: RecipientRow[] = await manager.query(`SELECT * FROM recipients WHERE digest <> 'off'`);
      const planned: QueuedDelivery[] = [];
      for (const row of recipients) {
        const slot = dueDigestSlot(now, row.digest, row.digest_hour, row.time_zone);
        if (!slot || row.digest === 'off') continue;
        const recipient = toRecipient(row);
        const containment = JSON.stringify([{ key: recipient.key }]);
        const open: { id: string }[] = await manager.query(`SELECT id FROM episodes WHERE status IN ('open', 'acknowledged') AND recipients @> $1::jsonb ORDER BY opened_at`, [containment]);
        const [{ changes }] = await manager.query(
          `SELECT count(*)::int AS changes FROM episode_events ev JOIN episodes e ON e.id = ev.episode_id WHERE e.recipients @> $1::jsonb AND ev.at > $2 AND ev.at <= $3`,
          [containment, new Date(now.getTime() - LOOKBACK_MS[row.digest]), now],
        );
        for (const channel of recipient.channels) {
          const endpointKey = endpointKeyOf(channel);
          const inserted = await manager.query(
            `INSERT INTO deliveries (id, channel, target, status, recipient, dedup_key, municipality, endpoint_key, digest)
             VALUES ($1, $2, $3, 'pending', $4, $5, NULL, $6, $7) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
            [randomUUID(), channel.type, channel.target, recipient, `digest|${recipient.key}|${channel.type}|${channel.target}|${slot}`, endpointKey, { slot, episodeIds: open.map((e) => e.id), changes }],
          );
          if (inserted[0]) planned.push({ deliveryId: inserted[0].id, endpointKey, delayMs: 0 });
        }
      }
      return planned;
    });
    await this.queue.enqueue(queued);
    if (queued.length > 0) this.logger.log({ digests: queued.length, at: now.toISOString() }, 'digests queued');
    return queued.length;
  }
}
