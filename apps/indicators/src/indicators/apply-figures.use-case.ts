import { Injectable } from '@nestjs/common';
import { EventEnvelope, FigureRecorded } from '@pejling/contracts';
import { isLoneBatch } from '@pejling/domain-indicators';
import { Transactions } from '@pejling/platform';
import { markFiguresInFlight } from '../persistence/benchmark-queue.repository';
import { BenchmarkWorker } from './benchmark-worker';
import { applyFigures } from './figure-applier';

const CONSUMER = 'indicators.figures';

/**
 * Applies one partition's batch of `figure.recorded` events in one transaction, each event once
 * however often it is delivered. A lone batch nudges the benchmark worker once it has committed.
 */
@Injectable()
export class ApplyFigures {
  constructor(
    private readonly transactions: Transactions,
    private readonly benchmarks: BenchmarkWorker,
  ) {}

  /** How many of the events were duplicates, and how many own values changed. */
  async run(events: readonly EventEnvelope<'figure.recorded'>[]): Promise<{ duplicates: number; valuesChanged: number }> {
    const { duplicates, result } = await this.transactions.runOnceBatch(CONSUMER, events, async (unit, fresh) => {
      // Lone batches' pairs wait until this commits: it may be the rest of their burst.
      await markFiguresInFlight(unit.manager);
      const figures = fresh.map((event) => ({ figure: event.payload as FigureRecorded, eventId: event.id }));
      const applied = await applyFigures(unit, figures, fresh.at(-1)?.correlationId);
      return { ...applied, lone: isLoneBatch(figures.map(({ figure }) => figure)) };
    });
    // Only now are the queued rows visible to the worker's transaction.
    if (result.lone) this.benchmarks.nudge(result.queued);
    return { duplicates, valuesChanged: result.valuesChanged };
  }
}
