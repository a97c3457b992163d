import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { SendSubscriptionDelivery } from './send-subscription-delivery.use-case';
import { SubscriptionDeliveriesRepository } from './subscription-deliveries.repository';
import { SubscriptionDeliveryQueue } from './subscription-delivery.queue';

/**
 * Re-queues subscription deliveries without a live Bull job (the process died between the commit
 * and the enqueue, Redis lost the job, or a send was left mid-way). Runs with the delivery sweep.
 */
@Injectable()
export class SubscriptionSweeper {
  private readonly logger = new Logger(SubscriptionSweeper.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly deliveries: SubscriptionDeliveriesRepository,
    private readonly queue: SubscriptionDeliveryQueue,
    private readonly sendDelivery: SendSubscriptionDelivery,
  ) {}

  async sweep(): Promise<number> {
    const orphans: string[] = [];
    const candidates = await this.transactions.run(({ manager }) =>
      this.deliveries.sweepCandidates(manager, this.sendDelivery.inDoubtAfterMs),
    );
    for (const id of candidates) {
      const job = await this.queue.job(id);
      const state = job ? await job.getState() : undefined;
      // A waiting, delayed or active job still drives the delivery; a finished one does not.
      if (!job || state === 'completed' || state === 'failed') {
        if (job) await job.remove().catch(() => undefined);
        orphans.push(id);
      }
    }
    if (orphans.length > 0) {
      await this.queue.enqueue(orphans);
      this.logger.log({ count: orphans.length }, 're-queued subscription deliveries without a live job');
    }
    return orphans.length;
  }
}
