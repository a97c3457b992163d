import { Inject, Injectable } from '@nestjs/common';
import { decideLoneRecompute } from '@pejling/domain-indicators';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { IndicatorsEnv } from '../indicators.env';
import { figureStream, QueuedPeriod, takeQueuedPeriods } from '../persistence/benchmark-queue.repository';
import { publishChangedReadings } from './readings-publisher';

export type LoneOutcome = { kind: 'recomputed'; pairs: number; published: number } | { kind: 'wait'; ms: number } | { kind: 'leave' };

/**
 * Recomputes the pairs lone batches queued, before their debounce, if the figure stream has stayed
 * quiet since (no figures being applied and nothing queued for `BENCHMARK_QUIET_MS`, by any
 * instance); else says when to look again, or to leave them to the debounce. One transaction; the
 * caller passes at most `PAIRS_PER_TRANSACTION` pairs.
 */
@Injectable()
export class RecomputeLoneBenchmarks {
  constructor(
    private readonly transactions: Transactions,
    @Inject(SERVICE_ENV) private readonly env: IndicatorsEnv,
  ) {}

  /** `waitedMs`: since the oldest of the batches that queued the pairs committed. */
  run(pairs: readonly QueuedPeriod[], waitedMs: number): Promise<LoneOutcome> {
    return this.transactions.run(async (unit) => {
      const timings = { quietMs: this.env.BENCHMARK_QUIET_MS, debounceMs: this.env.BENCHMARK_DEBOUNCE_MS };
      const decision = decideLoneRecompute({ ...(await figureStream(unit.manager)), waitedMs }, timings);
      if (decision.kind !== 'recompute') return decision;
      const taken = await takeQueuedPeriods(unit.manager, pairs);
      const events = await publishChangedReadings(unit, taken);
      unit.publish(...events);
      return { kind: 'recomputed', pairs: taken.length, published: events.length };
    });
  }
}
