import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PruneProcessedEvents, SERVICE_ENV } from '@pejling/platform';
import { IndicatorsEnv } from '../indicators.env';

/**
 * Prunes the processed-event ids every RETENTION_EVERY_MS. Indicators runs no Redis, and a Bull
 * queue for one hourly job would add it as a dependency: so an interval in each instance, and the
 * use case's PostgreSQL advisory lock lets one instance prune at a time (the others skip that round).
 */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionSchedule.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pruneProcessedEvents: PruneProcessedEvents,
    @Inject(SERVICE_ENV) private readonly env: IndicatorsEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.RETENTION_EVERY_MS === 0) return;
    this.timer = setInterval(() => this.tick(), this.env.RETENTION_EVERY_MS);
    this.timer.unref();
  }

  /** Stops the interval and waits for a prune in flight (each of its batches is short). */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Whether the interval runs (RETENTION_EVERY_MS is not 0 and the service has not stopped). */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  private tick(): void {
    // A prune still running when the next round comes (a large backlog) is not started twice.
    if (this.running) return;
    this.running = this.pruneProcessedEvents
      .execute(new Date())
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'pruning processed-event ids failed; next round in RETENTION_EVERY_MS'))
      .finally(() => {
        this.running = undefined;
      });
  }
}
