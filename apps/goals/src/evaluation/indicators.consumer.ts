import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, TOPICS } from '@pejling/contracts';
import { BATCH_HANDLER } from '@pejling/platform';
import { ApplyIndicatorReadings } from './apply-indicator-readings.use-case';

/**
 * Stores every indicator reading (the history goals are judged against) and re-judges the goals
 * each batch affects, once per goal from the earliest period the batch affects.
 */
@Controller()
export class IndicatorsConsumer {
  private readonly logger = new Logger(IndicatorsConsumer.name);

  constructor(private readonly applyReadings: ApplyIndicatorReadings) {}

  @EventPattern(TOPICS.indicators, BATCH_HANDLER)
  async onIndicatorsComputed(@Payload() events: EventEnvelope<'indicator.computed'>[]): Promise<void> {
    const outcome = await this.applyReadings.execute(events);
    this.logger.log(
      { events: events.length, duplicates: outcome.duplicates, goalsJudged: outcome.result, firstEventId: events[0]?.id },
      'indicator readings applied',
    );
  }
}
