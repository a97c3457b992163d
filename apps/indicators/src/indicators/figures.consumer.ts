import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, FigureRecorded, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { applyFigure } from './indicator-calculator';

const CONSUMER = 'indicators.figures';

@Controller()
export class FiguresConsumer {
  private readonly logger = new Logger(FiguresConsumer.name);

  constructor(private readonly transactions: Transactions) {}

  @EventPattern(TOPICS.figures)
  async onFigureRecorded(@Payload() event: EventEnvelope<'figure.recorded'>): Promise<void> {
    const outcome = await this.transactions.runOnce(CONSUMER, event, async (unit) => {
      const events = await applyFigure(unit.manager, event.payload as FigureRecorded, event.id, event.correlationId);
      unit.publish(...events);
      return events.length;
    });
    if (outcome.duplicate) this.logger.log({ eventId: event.id }, 'duplicate figure event ignored');
    else this.logger.log({ eventId: event.id, municipality: event.municipality, published: outcome.result }, 'figure applied');
  }
}
