import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, FigureRecorded, TOPICS } from '@pejling/contracts';
import { BATCH_HANDLER, Transactions } from '@pejling/platform';
import { applyFigures } from './figure-applier';

const CONSUMER = 'indicators.figures';

/** Figures arrive in batches of one partition (one set of municipalities); each batch is one transaction. */
@Controller()
export class FiguresConsumer {
  private readonly logger = new Logger(FiguresConsumer.name);

  constructor(private readonly transactions: Transactions) {}

  @EventPattern(TOPICS.figures, BATCH_HANDLER)
  async onFiguresRecorded(@Payload() events: EventEnvelope<'figure.recorded'>[]): Promise<void> {
    const outcome = await this.transactions.runOnceBatch(CONSUMER, events, (unit, fresh) =>
      applyFigures(
        unit,
        fresh.map((event) => ({ figure: event.payload as FigureRecorded, eventId: event.id })),
        fresh.at(-1)?.correlationId,
      ),
    );
    this.logger.log({ events: events.length, duplicates: outcome.duplicates, valuesChanged: outcome.result, firstEventId: events[0]?.id }, 'figures applied');
  }
}
