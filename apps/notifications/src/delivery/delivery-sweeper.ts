import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { unsentDeliveries } from './deliveries.repository';
import { DeliveryQueue } from './delivery.queue';
import { SendDelivery } from './send-delivery.use-case';

/**
 * Re-queues deliveries that have no live Bull job: committed but never queued (the process died
 * between the commit and the enqueue), whose job was lost with Redis, or left `sending` by a
 * process that died mid-send (taken up again after the in-doubt time). Job ids are delivery ids,
 * so nothing is queued twice.
 */
@Injectable()
export class DeliverySweeper {
  private readonly logger = new Logger(DeliverySweeper.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly queue: DeliveryQueue,
    private readonly sendDelivery: SendDelivery,
  ) {}

  async sweep(): Promise<number> {
    const rows = await this.transactions.run(({ manager }) => unsentDeliveries(manager, this.sendDelivery.inDoubtAfterMs));
    const orphans: { deliveryId: string; endpointKey: string; delayMs: number }[] = [];
    for (const row of rows) {
      // A delivery from before endpoint keys is queued under the key `null`, as it always was.
      const endpointKey = String(row.endpointKey);
      const job = await this.queue.job(row.id, endpointKey);
      const state = job ? await job.getState() : undefined;
      // A job that completed or failed for good no longer drives the delivery; a waiting, delayed or active one does.
      if (!job || state === 'completed' || state === 'failed') {
        if (job) await job.remove().catch(() => undefined);
        orphans.push({ deliveryId: row.id, endpointKey, delayMs: 0 });
      }
    }
    if (orphans.length > 0) {
      await this.queue.enqueue(orphans);
      this.logger.log({ count: orphans.length }, 're-queued deliveries without a live job');
    }
    return orphans.length;
  }
}
