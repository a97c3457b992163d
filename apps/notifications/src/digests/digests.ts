import { Injectable, Logger } from '@nestjs/common';
import { dueDigestSlot } from '@pejling/domain-alerting';
import { Transactions } from '@pejling/platform';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { endpointKeyOf, QueuedDelivery } from '../persistence/delivery-planner';
import { countEpisodeEventsFor, runningEpisodeIdsFor } from '../persistence/episodes.repository';
import { insertDigestDelivery } from '../persistence/planned-deliveries.repository';
import { digestRecipients, toRecipient } from '../persistence/recipients.repository';
import { digestKey } from './digest-key';

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

  /**
   * `now`: the clock. `asOf` (the admin sweep's `now`): send, now, the digests due at that time. A
   * slot other than the one due now is sent as a copy (digestKey): the slot's own digest is not
   * used up and still goes out when it is due.
   */
  async sweep(now: Date, asOf: Date = now): Promise<number> {
    const queued = await this.transactions.run(async ({ manager }) => {
      const recipients = await digestRecipients(manager);
      const planned: QueuedDelivery[] = [];
      for (const row of recipients) {
        const slot = dueDigestSlot(asOf, row.digest, row.digest_hour, row.time_zone);
        if (!slot || row.digest === 'off') continue;
        const slotDueNow = dueDigestSlot(now, row.digest, row.digest_hour, row.time_zone);
        const recipient = toRecipient(row);
        const episodeIds = await runningEpisodeIdsFor(manager, recipient.key);
        const changes = await countEpisodeEventsFor(manager, recipient.key, new Date(asOf.getTime() - LOOKBACK_MS[row.digest]), asOf);
        for (const channel of recipient.channels) {
          const endpointKey = endpointKeyOf(channel);
          const deliveryId = await insertDigestDelivery(manager, {
            channel,
            recipient,
            dedupKey: digestKey({ recipientKey: recipient.key, type: channel.type, target: channel.target }, slot, slotDueNow),
            endpointKey,
            digest: { slot, episodeIds, changes },
          });
          if (deliveryId) planned.push({ deliveryId, endpointKey, delayMs: 0 });
        }
      }
      return planned;
    });
    await this.queue.enqueue(queued);
    if (queued.length > 0) this.logger.log({ digests: queued.length, at: now.toISOString() }, 'digests queued');
    return queued.length;
  }
}
