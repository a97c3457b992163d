import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SERVICE_ENV } from '@pejling/platform';
import { IndicatorsEnv } from '../indicators.env';
import { QueuedPeriod } from '../persistence/benchmark-queue.repository';
import { PAIRS_PER_TRANSACTION, RecomputeBenchmarks } from './recompute-benchmarks.use-case';
import { RecomputeLoneBenchmarks } from './recompute-lone-benchmarks.use-case';

interface LonePair {
  pair: QueuedPeriod;
  /** When the lone batch that queued it committed (Date.now()). */
  since: number;
}

/**
 * Recomputes queued (indicator, period) benchmarks and publishes the readings that changed. A pair
 * waits until no figure has touched it for `BENCHMARK_DEBOUNCE_MS` (a backfill delivers a period's
 * 98 municipalities in one burst, so it is recomputed once, not 98 times), but never longer than
 * `BENCHMARK_MAX_DELAY_MS`. A lone batch nudges the worker when it commits, and its pairs are
 * recomputed as soon as no figures are being applied and nothing has been queued for
 * `BENCHMARK_QUIET_MS`: a lone figure does not wait for a burst that is not coming (the rules are
 * `decideLoneRecompute` in the domain). A pair is taken under an advisory lock, so several
 * instances share the queue. Stops in onModuleDestroy, before the outbox relay's final drain
 * publishes what it committed.
 */
@Injectable()
export class BenchmarkWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BenchmarkWorker.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private nextPollAt = 0;
  /** Lone batches' pairs (by pair), to recompute once the stream has been quiet; looked at at `loneCheckAt`. */
  private lone = new Map<string, LonePair>();
  private loneCheckAt: number | undefined;

  constructor(
    private readonly recompute: RecomputeBenchmarks,
    private readonly recomputeLone: RecomputeLoneBenchmarks,
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

  /** Called after a lone batch committed, with the pairs it queued. */
  nudge(pairs: readonly QueuedPeriod[]): void {
    if (!this.running || pairs.length === 0) return;
    const now = Date.now();
    for (const { indicatorId, period } of pairs) {
      const key = `${indicatorId}|${period}`;
      if (!this.lone.has(key)) this.lone.set(key, { pair: { indicatorId, period }, since: now });
    }
    if (this.loneCheckAt !== undefined) return;
    this.loneCheckAt = now + this.env.BENCHMARK_QUIET_MS;
    // The loop sleeps until its next poll: wake it, so it sleeps until the check instead.
    this.wake?.();
  }

  /** Recomputes the pairs that are due; returns how many it took. */
  async recomputeDue(): Promise<number> {
    const { pairs, published } = await this.recompute.run();
    if (pairs > 0) this.logger.debug({ pairs, published }, 'benchmarks recomputed');
    return pairs;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const now = Date.now();
      if (this.loneCheckAt !== undefined && now >= this.loneCheckAt) await this.recomputeLonePairs();
      if (now >= this.nextPollAt) await this.poll();
      await this.sleepUntil(Math.min(this.nextPollAt, this.loneCheckAt ?? Infinity));
    }
  }

  private async poll(): Promise<void> {
    const interval = Math.max(25, Math.round(this.env.BENCHMARK_DEBOUNCE_MS / 2));
    try {
      // A full take means more may be due: poll again at once.
      this.nextPollAt = (await this.recomputeDue()) === PAIRS_PER_TRANSACTION ? 0 : Date.now() + interval;
    } catch (error) {
      this.logger.error({ err: error }, 'benchmark recomputation failed; retrying');
      this.nextPollAt = Date.now() + interval;
    }
  }

  /** Recomputes the lone batches' pairs if the stream stayed quiet; else looks again later, or leaves them to the debounce. */
  private async recomputeLonePairs(): Promise<void> {
    // Batches that commit meanwhile start a new set, with its own check.
    const waiting = [...this.lone.values()];
    this.lone = new Map();
    this.loneCheckAt = undefined;
    const waitedMs = Date.now() - waiting.reduce((oldest, item) => Math.min(oldest, item.since), Infinity);
    try {
      for (let start = 0; start < waiting.length; start += PAIRS_PER_TRANSACTION) {
        const pairs = waiting.slice(start, start + PAIRS_PER_TRANSACTION).map((item) => item.pair);
        const outcome = await this.recomputeLone.run(pairs, waitedMs);
        if (outcome.kind === 'leave') return;
        if (outcome.kind === 'wait') return this.waitLonger(waiting.slice(start), outcome.ms);
        if (outcome.pairs > 0) this.logger.debug({ pairs: outcome.pairs, published: outcome.published }, 'lone benchmarks recomputed');
      }
    } catch (error) {
      // They are still queued: the debounce takes them.
      this.logger.error({ err: error }, 'lone benchmark recomputation failed; left to the debounce');
    }
  }

  private waitLonger(waiting: readonly LonePair[], ms: number): void {
    // These are older than any pair nudged since, so they keep their own `since`.
    for (const item of waiting) this.lone.set(`${item.pair.indicatorId}|${item.pair.period}`, item);
    this.loneCheckAt = Math.min(this.loneCheckAt ?? Infinity, Date.now() + ms);
  }

  private sleepUntil(deadline: number): Promise<void> {
    const ms = deadline - Date.now();
    if (ms <= 0 || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = wake;
      this.timer = setTimeout(wake, ms);
    });
  }
}
