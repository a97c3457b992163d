import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { assertInScope, Principal, Transactions } from '@pejling/platform';
import { findDeliveryHead, resetDeadDelivery } from './deliveries.repository';
import { DeliveryQueue } from './delivery.queue';

/**
 * Re-queues a dead-lettered delivery: it starts over with a fresh attempt budget and the same
 * delivery id (so receivers can still drop a copy). The old Bull job is kept as failed by Bull
 * under the same job id and is removed first, or the new job would be ignored.
 */
@Injectable()
export class RetryDelivery {
  constructor(
    private readonly transactions: Transactions,
    private readonly queue: DeliveryQueue,
  ) {}

  async run(id: string, principal: Principal): Promise<{ id: string; status: 'pending' }> {
    await this.queue.ensureReachable();
    const endpointKey = await this.transactions.run(async ({ manager }) => {
      const delivery = await findDeliveryHead(manager, id);
      if (!delivery) throw new NotFoundException(`No delivery with id ${id}.`);
      assertInScope(principal, delivery.municipality, 'deliveries');
      if (delivery.status !== 'dead') throw new ConflictException(`Only a dead delivery can be retried; this one is ${delivery.status}.`);
      await resetDeadDelivery(manager, id);
      return delivery.endpointKey;
    });
    const old = await this.queue.job(id, endpointKey);
    if (old) await old.remove().catch(() => undefined);
    await this.queue.enqueue([{ deliveryId: id, endpointKey, delayMs: 0 }]);
    return { id, status: 'pending' };
  }
}
