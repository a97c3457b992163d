import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryQueue } from './delivery.queue';
import { DeliveryProcessor } from './delivery.processor';

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
    private readonly dataSource: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly processor: DeliveryProcessor,
  ) {}

  async sweep(): Promise<number> {
    const rows: { id: string; endpoint_key: string }[] = await this.dataSource.query(
      `SELECT id, endpoint_key FROM deliveries
        WHERE (status IN ('grouping', 'pending', 'retrying') AND created_at < now() - interval '5 seconds')
           OR (status = 'sending' AND sending_since < now() - make_interval(secs => $1::double precision / 1000))
        ORDER BY created_at LIMIT 1000`,
      [this.processor.inDoubtAfterMs],
    );
    const orphans: { deliveryId: string; endpointKey: string; delayMs: number }[] = [];
    for (const row of rows) {
      const job = await this.queue.job(row.id, row.endpoint_key);
      const state = job ? await job.getState() : undefined;
      // A job that completed or failed for good no longer drives the delivery; a waiting, delayed or active one does.
      if (!job || state === 'completed' || state === 'failed') {
        if (job) await job.remove().catch(() => undefined);
        orphans.push({ deliveryId: row.id, endpointKey: row.endpoint_key, delayMs: 0 });
      }
    }
    if (orphans.length > 0) {
      await this.queue.enqueue(orphans);
      this.logger.log({ count: orphans.length }, 're-queued deliveries without a live job');
    }
    return orphans.length;
  }
}
