import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@pejling/contracts';
import { OnceResult, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { AlertIntake } from './alert-intake';
import { IncomingAlert } from './incoming-alert';

/**
 * Handles an alert that needs no owners looked up (data quality, failed pulls) once per consumer and
 * event; answers how many deliveries it queued after the commit.
 */
@Injectable()
export class HandleAlert {
  constructor(
    private readonly transactions: Transactions,
    private readonly intake: AlertIntake,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  async run(consumer: string, event: EventEnvelope, alert: IncomingAlert): Promise<OnceResult<number>> {
    const outcome = await this.transactions.runOnce(consumer, event, ({ manager }) => this.intake.intake(manager, alert, this.clock.now()));
    if (outcome.duplicate) return outcome;
    await this.queue.enqueue(outcome.result);
    return { duplicate: false, result: outcome.result.length };
  }
}
