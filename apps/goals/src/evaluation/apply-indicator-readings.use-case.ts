import { Injectable } from '@nestjs/common';
import { EventEnvelope, IndicatorComputed } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { AlertPolicyProvider } from './alert-policy';
import { applyReadings } from './apply-readings';
import { IndicatorReading } from './indicator-reading';

const CONSUMER = 'goals.indicators';

/**
 * Stores a batch of `indicator.computed` events not handled before and re-judges the goals they
 * affect, in one transaction with the events this causes.
 */
@Injectable()
export class ApplyIndicatorReadings {
  constructor(
    private readonly transactions: Transactions,
    private readonly policy: AlertPolicyProvider,
  ) {}

  execute(events: readonly EventEnvelope<'indicator.computed'>[]): Promise<{ duplicates: number; result: number }> {
    const policy = this.policy.now();
    return this.transactions.runOnceBatch(CONSUMER, events, async (unit, fresh) => {
      const applied = await applyReadings(
        unit,
        fresh.map((event) => ({ eventId: event.id, reading: toReading(event.payload as IndicatorComputed) })),
        policy,
      );
      unit.publish(...applied.events);
      return applied.goalsJudged;
    });
  }
}

function toReading(indicator: IndicatorComputed): IndicatorReading {
  const inputs = {
    numerator: indicator.numerator,
    denominator: indicator.denominator,
    parts: indicator.parts,
    previousValue: indicator.previousValue,
  };
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
