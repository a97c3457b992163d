import { Inject, Injectable, Logger } from '@nestjs/common';
import { scrubText } from '@pejling/domain-kernel';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { NotificationsEnv } from '../notifications.env';
import { Channels, GoneError } from './channels';
import { claimDelivery, ClaimedDelivery, DeliveryRow } from './deliveries.repository';
import { inDoubtAfter, mayRetry } from './delivery-jobs';
import { DeliveryOutcomes } from './delivery-outcomes';
import { DeliveryQueue } from './delivery.queue';
import { findDisabledEndpoint } from './disabled-endpoints.repository';
import { isRefusedTarget } from './guarded-http';
import { MessageAssembler } from './message-assembler';

/**
 * One delivery attempt. Before sending, the attempt is written ahead (status `sending`, committed);
 * only one worker can claim a delivery, so a redelivered job, a stalled job taken over by another
 * instance, or a sweeper re-queue never sends twice. A delivery found in `sending` after the in-doubt
 * time belongs to a process that died mid-send: its outcome is unknown, it is recorded as `in-doubt`
 * and sent again with the same Message-ID and delivery id (at-least-once in that window, so
 * receivers and mail systems can drop the copy). A failure that may be retried is thrown (Bull retries).
 */
@Injectable()
export class SendDelivery {
  private readonly logger = new Logger(SendDelivery.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly channels: Channels,
    private readonly assembler: MessageAssembler,
    private readonly outcomes: DeliveryOutcomes,
    private readonly deliveries: DeliveryQueue,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  /** How long a send may take before a `sending` delivery is taken to belong to a dead process. */
  get inDoubtAfterMs(): number {
    return inDoubtAfter(Math.max(this.env.WEBHOOK_TIMEOUT_MS, this.env.SMTP_TIMEOUT_MS));
  }

  async run(deliveryId: string): Promise<void> {
    // Write-ahead: the claim commits in its own transaction before anything is sent.
    const delivery = await this.transactions.run(({ manager }) => claimDelivery(manager, deliveryId, this.inDoubtAfterMs));
    if (!delivery) return; // delivered, dead, skipped, or being sent right now by another worker
    const attempt = delivery.attempts;
    const startedAt = new Date();
    if (delivery.previous_status === 'sending') {
      await this.transactions.run(({ manager }) =>
        this.outcomes.attempt(
          manager,
          delivery.id,
          attempt - 1,
          delivery.previous_since ?? startedAt,
          'in-doubt',
          'the process stopped during this attempt; whether it arrived is unknown, so it is sent again with the same Message-ID / delivery id',
        ),
      );
    }
    const disabled = await this.transactions.run(({ manager }) => findDisabledEndpoint(manager, delivery.endpoint_key));
    if (disabled)
      return this.outcomes.skipped(
        delivery,
        attempt,
        startedAt,
        `endpoint disabled since ${new Date(disabled.disabledAt).toISOString()}: ${disabled.reason}`,
      );
    const message = await this.transactions.run(({ manager }) => this.assembler.assemble(manager, delivery, this.clock.now()));
    if (!message) return this.outcomes.skipped(delivery, attempt, startedAt, 'nothing to send');
    let detail: string;
    try {
      detail = await this.channels.send(message);
    } catch (error) {
      return this.failed(delivery, attempt, startedAt, error as Error);
    }
    // Sent: from here on nothing may throw to Bull, or the job would be retried and the message sent twice.
    await this.recordSuccess(delivery, attempt, startedAt, detail);
    this.logger.log({ deliveryId, channel: delivery.channel, attempt, items: message.items.length }, 'delivered');
  }

  private async failed(delivery: ClaimedDelivery, attempt: number, startedAt: Date, error: Error): Promise<void> {
    const reason = error.message;
    if (error instanceof GoneError) {
      const notices = await this.outcomes.endpointGone(delivery, attempt, startedAt, error.status);
      await this.deliveries.enqueue(notices);
      this.logger.warn({ deliveryId: delivery.id, channel: delivery.channel }, 'endpoint answered 410 Gone and is disabled');
      return;
    }
    if (isRefusedTarget(error)) {
      await this.outcomes.dead(delivery, attempt, startedAt, 'refused', reason);
      this.logger.warn({ deliveryId: delivery.id, reason: scrubText(reason) }, 'webhook target refused by the SSRF guard');
      return;
    }
    if (!mayRetry(attempt, this.env.DELIVERY_MAX_ATTEMPTS)) {
      await this.outcomes.dead(delivery, attempt, startedAt, 'failure', reason);
      this.logger.error(
        { deliveryId: delivery.id, attempts: attempt, reason: scrubText(reason) },
        'delivery failed for good (dead-lettered)',
      );
      return;
    }
    await this.outcomes.retrying(delivery, attempt, startedAt, reason);
    this.logger.warn(
      { deliveryId: delivery.id, channel: delivery.channel, attempt, reason: scrubText(reason) },
      'delivery attempt failed; retrying',
    );
    throw error;
  }

  /** Records a send that happened, retrying through a database hiccup; gives up loudly rather than resend. */
  private async recordSuccess(delivery: DeliveryRow, attempt: number, startedAt: Date, detail: string): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.outcomes.delivered(delivery, attempt, startedAt, detail);
      } catch (error) {
        if (tries >= 5) {
          this.logger.error(
            { deliveryId: delivery.id, err: error },
            'delivered, but the delivery could not be recorded; it is not re-sent by this job',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** tries));
      }
    }
  }
}
