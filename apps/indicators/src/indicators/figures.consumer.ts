import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, TOPICS } from '@pejling/contracts';
import { BATCH_HANDLER } from '@pejling/platform';
import { ApplyFigures } from './apply-figures.use-case';

/** Figures arrive in batches of one partition (one set of municipalities); each batch is one transaction. */
@Controller()
export class FiguresConsumer {
  private readonly logger = new Logger(FiguresConsumer.name);

  constructor(private readonly applyFigures: ApplyFigures) {}

  @EventPattern(TOPICS.figures, BATCH_HANDLER)
  async onFiguresRecorded(@Payload() events: EventEnvelope<'figure.recorded'>[]): Promise<void> {
    const outcome = await this.applyFigures.run(events);
    this.logger.log(
      { events: events.length, duplicates: outcome.duplicates, valuesChanged: outcome.valuesChanged, firstEventId: events[0]?.id },
      'figures applied',
    );
  }
}
