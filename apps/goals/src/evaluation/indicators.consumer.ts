import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IndicatorComputed, TOPICS } from '@pejling/contracts';
import { BATCH_HANDLER, Transactions } from '@pejling/platform';
import { AlertPolicyProvider } from './alert-policy';
import { applyReadings } from './apply-readings';
import { IndicatorReading } from './indicator-reading';

const CONSUMER = 'goals.indicators';

/**
 * Stores every indicator reading (the history goals are judged against) and re-judges the goals
 * each batch affects, once per goal from the earliest period the batch affects.
 */
@Controller()
export class IndicatorsConsumer {
  private readonly logger = new Logger(IndicatorsConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly policy: AlertPolicyProvider,
  ) {}

  @EventPattern(TOPICS.indicators, BATCH_HANDLER)
  async onIndicatorsComputed(@Payload() events: EventEnvelope<'indicator.computed'>[]): Promise<void> {
    const policy = this.policy.now();
    const outcome = await this.transactions.runOnceBatch(CONSUMER, events, async (unit, fresh) => {
      const applied = await applyReadings(unit, fresh.map((event) => ({ eventId: event.id, reading: toReading(event.payload as IndicatorComputed) })), policy);
      unit.publish(...applied.events);
      return applied.goalsJudged;
    });
    this.logger.log({ events: events.length, duplicates: outcome.duplicates, goalsJudged: outcome.result, firstEventId: events[0]?.id }, 'indicator readings applied');
  }
}

function toReading(indicator: IndicatorComputed): IndicatorReading {
  const inputs = { numerator: indicator.numerator, denominator: indicator.denominator, parts: indicator.parts, previousValue: indicator.previousValue };
  return {
    indicatorId: indicator.indicatorId,
    municipality: indicator.municipality,
    period: indicator.period,
    value: indicator.value,
    inputs: { ...inputs, benchmarks: indicator.benchmarks, rank: indicator.rank },
    benchmarks: {
      national: indicator.benchmarks.national,
      cluster: indicator.benchmarks.cluster,
      nationalBasis: indicator.benchmarks.nationalBasis,
      clusterBasis: indicator.benchmarks.clusterBasis,
    },
    rank: indicator.rank,
  };
}
