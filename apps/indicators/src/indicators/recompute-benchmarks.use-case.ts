import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { IndicatorsEnv } from '../indicators.env';
import { takeDuePeriods } from '../persistence/benchmark-queue.repository';
import { publishChangedReadings } from './readings-publisher';

/** Pairs recomputed per transaction: up to this × 98 readings committed to the outbox at once. */
export const PAIRS_PER_TRANSACTION = 25;

/** Takes the due (indicator, period) pairs off the benchmark queue and publishes their changed readings, in one transaction. */
@Injectable()
export class RecomputeBenchmarks {
  constructor(
    private readonly transactions: Transactions,
    @Inject(SERVICE_ENV) private readonly env: IndicatorsEnv,
  ) {}

  /** How many pairs were taken, and how many readings published. */
  run(): Promise<{ pairs: number; published: number }> {
    return this.transactions.run(async (unit) => {
      const due = await takeDuePeriods(
        unit.manager,
        this.env.BENCHMARK_DEBOUNCE_MS,
        this.env.BENCHMARK_MAX_DELAY_MS,
        PAIRS_PER_TRANSACTION,
      );
      const events = await publishChangedReadings(unit, due);
      unit.publish(...events);
      return { pairs: due.length, published: events.length };
    });
  }
}
