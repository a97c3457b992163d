import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SERVICE_ENV } from '@pejling/platform';
import { IndicatorsEnv } from '../indicators.env';
import { PAIRS_PER_TRANSACTION, RecomputeBenchmarks } from './recompute-benchmarks.use-case';

/**
 * Recomputes queued (indicator, period) benchmarks and publishes the readings that changed. A pair
 * waits until no figure has touched it for `BENCHMARK_DEBOUNCE_MS` (a backfill delivers a period's
 * 98 municipalities in one burst, so it is recomputed once, not 98 times), but never longer than
 * `BENCHMARK_MAX_DELAY_MS`. A pair is taken under an advisory lock, so several instances share the queue.
 * Stops in onModuleDestroy, before the outbox relay's final drain publishes what it committed.
 */
@Injectable()
export class BenchmarkWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BenchmarkWorker.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly recompute: RecomputeBenchmarks,
    @Inject(SERVICE_ENV) private readonly env: IndicatorsEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Recomputes the pairs that are due; returns how many it took. */
  async recomputeDue(): Promise<number> {
    const { pairs, published } = await this.recompute.run();
    if (pairs > 0) this.logger.debug({ pairs, published }, 'benchmarks recomputed');
    return pairs;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.recomputeDue()) === PAIRS_PER_TRANSACTION) continue;
      } catch (error) {
        this.logger.error({ err: error }, 'benchmark recomputation failed; retrying');
      }
      await this.sleep(Math.max(25, Math.round(this.env.BENCHMARK_DEBOUNCE_MS / 2)));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        resolve();
      };
      this.timer = setTimeout(resolve, ms);
    });
  }
}
