import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope } from '@pejling/contracts';
import { FigureInput, QualityReview } from '@pejling/domain-figures';
import { appendToOutbox, OutboxRelay, SERVICE_ENV, ServiceEnv, Transactions, UnitOfWork } from '@pejling/platform';
import { FoundFlag, QualityChecker, QualityOutcome } from '../quality/quality-checker';
import { SeriesHistory } from '../quality/series-history';
import { changedFigures, changesAgainst, recordedEvents, revisionsOf, sortedByKey } from './figure-changes';
import { FiguresRepository } from '../persistence/figures.repository';

/** What one write of figures did. */
export interface FiguresWritten {
  created: number;
  revised: number;
  unchanged: number;
  /** `figure.recorded` events appended to the outbox (the `figure.flagged` ones are counted in `flagged`). */
  published: number;
  /** New data-quality flags. */
  flagged: number;
  /** Every flag the checks raised, new or already open. */
  found: FoundFlag[];
}

/** Times a phase of a write (store, quality, outbox), for an import's log. */
export type PhaseTimer = <T>(phase: string, work: () => Promise<T>) => Promise<T>;
const untimed: PhaseTimer = (_phase, work) => work();

/** Raised when a concurrent batch inserted one of our new figures first; the batch is retried. */
export class ConcurrentInsertError extends Error {}

/** JSON batches share the writers' lock; an import, which writes in chunks, holds it alone. */
export type WriterLock = 'shared' | 'exclusive';

/**
 * The one way figures are written (JSON batches, CSV uploads, Jobindsats pulls). A write stores
 * validated figures (periods canonical, keys unique) with a fixed number of statements whatever
 * its size: lock the figures that exist, insert the new ones, update the revised ones and log their
 * revisions; then runs the data-quality checks and appends a `figure.recorded` event for every new
 * or revised figure and a `figure.flagged` per new flag to the outbox, all in one transaction. A
 * figure posted again with the same value is a no-op and yields none. The relay is woken after commit.
 */
@Injectable()
export class FigureWriter {
  constructor(
    private readonly transactions: Transactions,
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
    private readonly figures: FiguresRepository,
    private readonly quality: QualityChecker,
  ) {}

  /** One JSON batch in its own transaction; retried (at most three attempts) when a concurrent batch or a deadlock got in the way. */
  async writeBatch(figures: FigureInput[], batchId: string): Promise<FiguresWritten> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction('shared', (session) => session.write(figures, batchId));
      } catch (error) {
        const retriable = error instanceof ConcurrentInsertError || (error as { code?: string }).code === '40P01';
        if (!retriable || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Runs `work` in one transaction holding the writers' lock. An exclusive session (an import) keeps
   * one series history across its writes and plans every lookup as the key lookup it is.
   */
  async transaction<T>(lock: WriterLock, work: (session: FigureSession) => Promise<T>): Promise<T> {
    let session: FigureSession | undefined;
    const result = await this.transactions.run(async (unit) => {
      if (lock === 'shared') await this.figures.lockForBatch(unit.manager);
      else {
        await this.figures.lockForImport(unit.manager);
        await this.figures.planForKeyLookups(unit.manager);
      }
      const history = lock === 'exclusive' ? new SeriesHistory(this.quality.reader(unit)) : undefined;
      session = new FigureSession(unit, this.env.KAFKA_TOPIC_PREFIX, this.figures, this.quality, history);
      return work(session);
    });
    // The session appended its events itself (an import's chunk by chunk), so the relay is woken here.
    if (session?.appended) this.relay.wake();
    return result;
  }
}

/** Writes inside one FigureWriter transaction. */
export class FigureSession {
  /** Events appended to the outbox so far. */
  appended = 0;

  constructor(
    private readonly unit: UnitOfWork,
    private readonly topicPrefix: string,
    private readonly figures: FiguresRepository,
    private readonly quality: QualityChecker,
    private readonly history?: SeriesHistory,
  ) {}

  async write(unsorted: readonly FigureInput[], batchId: string, time: PhaseTimer = untimed): Promise<FiguresWritten> {
    const { manager } = this.unit;
    const { changes, events } = await time('store', async () => {
      const figures = sortedByKey(unsorted);
      const found = changesAgainst(figures, await this.figures.lockExisting(manager, figures));
      const inserted = await this.figures.insertNew(manager, found.created, batchId);
      if (inserted !== found.created.length) throw new ConcurrentInsertError('a concurrent batch stored some of these figures first');
      await this.figures.revise(manager, revisionsOf(found), batchId);
      return { changes: found, events: recordedEvents(found, batchId) };
    });
    const quality = await time('quality', () => this.quality.check(this.unit, changedFigures(changes), batchId, this.history));
    await time('outbox', () => this.publish([...events, ...quality.events]));
    return {
      created: changes.created.length,
      revised: changes.revised.length,
      unchanged: changes.unchanged,
      published: events.length,
      flagged: quality.flagged,
      found: quality.found,
    };
  }

  /** Records a review of the input as a whole (a printed table's totals and changes) and publishes its new flags. */
  async review(review: QualityReview, batchId: string, time: PhaseTimer = untimed): Promise<QualityOutcome> {
    const outcome = await time('quality', () => this.quality.record(this.unit, review, batchId));
    await this.publish(outcome.events);
    return outcome;
  }

  /** Appends events to the outbox in this transaction (at once: an import does not hold a backfill's events in memory). */
  async publish(events: readonly EventEnvelope[]): Promise<void> {
    await appendToOutbox(this.unit.manager, events, this.topicPrefix);
    this.appended += events.length;
  }
}
