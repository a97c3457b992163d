import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { Channels, DeliveryTarget } from './channels';
import { DELIVERY_QUEUE, DeliveryJob } from './delivery.queue';

/** Runs one delivery attempt per Bull job attempt and records every attempt, success or failure. */
@Processor(DELIVERY_QUEUE)
export class DeliveryProcessor {
  private readonly logger = new Logger(DeliveryProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: Channels,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  @Process({ concurrency: 4 })
  async deliver(job: Job<DeliveryJob>): Promise<void> {
    const delivery = await this.load(job.data.deliveryId);
    if (!delivery) return; // already delivered (a sweeper re-queue or a redelivered job)
    const attempt = job.attemptsMade + 1;
    const startedAt = new Date();
    let detail: string;
    try {
      detail = await this.channels.send(delivery);
    } catch (error) {
      const reason = (error as Error).message;
      await this.record(delivery.deliveryId, attempt, startedAt, 'failure', reason);
      this.logger.warn({ deliveryId: delivery.deliveryId, channel: delivery.channel, attempt, eventId: delivery.eventId, err: error }, 'delivery attempt failed');
      throw error;
    }
    // Sent: from here on nothing may throw to Bull, or the job would be retried and the alert sent twice.
    await this.recordSuccess(delivery.deliveryId, attempt, startedAt, detail);
    this.logger.log({ deliveryId: delivery.deliveryId, channel: delivery.channel, attempt, eventId: delivery.eventId }, 'alert delivered');
  }

  /** Records a send that happened, retrying through a database hiccup; gives up loudly rather than resend. */
  private async recordSuccess(deliveryId: string, attempt: number, startedAt: Date, detail: string): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.record(deliveryId, attempt, startedAt, 'success', detail);
      } catch (error) {
        if (tries >= 5) {
          this.logger.error({ deliveryId, err: error }, 'delivered, but the delivery could not be recorded; it stays in retrying and is not re-sent by this job');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** tries));
      }
    }
  }

  /** After the last attempt the delivery is dead-lettered: status `failed`, visible via GET /v1/deliveries?status=failed. */
  @OnQueueFailed()
  async onFailed(job: Job<DeliveryJob>, error: Error): Promise<void> {
    if (job.attemptsMade < this.env.DELIVERY_MAX_ATTEMPTS) return;
    await this.dataSource.query(`UPDATE deliveries SET status = 'failed', last_error = $2 WHERE id = $1 AND status <> 'delivered'`, [job.data.deliveryId, error.message]);
    this.logger.error({ deliveryId: job.data.deliveryId, attempts: job.attemptsMade }, 'delivery failed for good');
  }

  private async load(deliveryId: string): Promise<DeliveryTarget | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT d.id, d.channel, d.target, a.event_type, a.event_id, a.payload
         FROM deliveries d JOIN alerts a ON a.id = d.alert_id
        WHERE d.id = $1 AND d.status IN ('pending', 'retrying')`,
      [deliveryId],
    );
    if (!row) return undefined;
    return { deliveryId: row.id, channel: row.channel, target: row.target, eventType: row.event_type, eventId: row.event_id, alert: row.payload };
  }

  private async record(deliveryId: string, attempt: number, startedAt: Date, outcome: 'success' | 'failure', detail: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, detail) VALUES ($1, $2, $3, now(), $4, $5)`,
        [deliveryId, attempt, startedAt, outcome, detail.slice(0, 2000)],
      );
      await manager.query(
        outcome === 'success'
          ? `UPDATE deliveries SET status = 'delivered', attempts = $2, delivered_at = now(), last_error = NULL WHERE id = $1`
          : `UPDATE deliveries SET status = 'retrying', attempts = $2, last_error = $3 WHERE id = $1`,
        outcome === 'success' ? [deliveryId, attempt] : [deliveryId, attempt, detail.slice(0, 2000)],
      );
    });
  }
}
