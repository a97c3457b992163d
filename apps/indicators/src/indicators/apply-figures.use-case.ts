import { Injectable } from '@nestjs/common';
import { EventEnvelope, FigureRecorded } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { applyFigures } from './figure-applier';

const CONSUMER = 'indicators.figures';

/** Applies one partition's batch of `figure.recorded` events in one transaction, each event once however often it is delivered. */
@Injectable()
export class ApplyFigures {
  constructor(private readonly transactions: Transactions) {}

  /** How many of the events were duplicates, and how many own values changed. */
  run(events: readonly EventEnvelope<'figure.recorded'>[]): Promise<{ duplicates: number; result: number }> {
    return this.transactions.runOnceBatch(CONSUMER, events, (unit, fresh) =>
      applyFigures(
        unit,
        fresh.map((event) => ({ figure: event.payload as FigureRecorded, eventId: event.id })),
        fresh.at(-1)?.correlationId,
      ),
    );
  }
}
