import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope } from '@pejling/contracts';
import { FigureInput, QualityReview } from '@pejling/domain-figures';
import { checkFigure, FirstRowOfKey } from '../figures/figure-rows';
import { FigureSession, FigureWriter } from '../figures/figure-writer';
import type { FoundFlag } from '../quality/quality-checker';
import { ImportCounts, ImportMeta, ImportPolicy, ImportsRepository, ImportStatus, RowProblem } from './imports.repository';
import { UnusableInput } from './unusable-input';

/** One row of an import: a figure to validate and store, or the reasons it could not be read. */
export type ImportRow = { line: number; figure: FigureInput } | { line: number; errors: readonly { field: string; reason: string }[] };

export interface ImportRequest {
  id: string;
  source: string;
  author: string;
  policy: ImportPolicy;
  /**
   * The municipalities the caller may import (`null`: all). A row outside refuses the whole import
   * whatever the policy: nothing is stored, and the row is listed with the municipality.
   */
  scope?: string[] | null;
}

export interface ImportSource {
  meta: ImportMeta;
  rows: AsyncIterable<ImportRow> | Iterable<ImportRow>;
  /** Checks of the input as a whole (a printed table's totals and changes), once every row is read. */
  review?: () => QualityReview;
}

export interface ImportOutcome {
  id: string;
  status: ImportStatus;
  counts: ImportCounts;
  message?: string;
}

/** Rows are stored this many at a time: a fixed number of statements per chunk, never per row. */
const CHUNK_ROWS = 5000;
/** Errors and flags kept on the import record (the counts cover them all). */
const MAX_KEPT_ERRORS = 1000;

class RejectedImport extends Error {}

/**
 * Runs an import of any origin (CSV upload, Jobindsats pull) the same way: validates every row,
 * refuses duplicates, stores chunk by chunk through the figure writer in ONE transaction (which
 * holds the writers' lock alone), and records the audit trail. All-or-nothing: one bad row and
 * nothing is stored or published. Accept-valid: the valid rows are stored, the bad ones listed with their lines.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    private readonly writer: FigureWriter,
    private readonly imports: ImportsRepository,
  ) {}

  /**
   * `open` yields the rows; it may throw UnusableInput (before or while yielding). `closing` adds
   * events that commit with the import (e.g. `pull.completed`) once the counts are known.
   */
  async run(
    request: ImportRequest,
    open: () => Promise<ImportSource>,
    closing?: (counts: ImportCounts) => EventEnvelope[],
  ): Promise<ImportOutcome> {
    const { id } = request;
    await this.imports.open(id, request);
    const counts: ImportCounts = { total: 0, rejected: 0, created: 0, revised: 0, unchanged: 0, flagged: 0 };
    const errors: RowProblem[] = [];
    const flags = new FoundFlags();
    let meta: ImportMeta = {};
    const timings = new PhaseTimings();
    const municipalities = new Set<string>();
    let outOfScope = 0;
    try {
      await this.writer.transaction('exclusive', async (session: FigureSession) => {
        const source = await open();
        meta = source.meta;
        const firstLines = new FirstRowOfKey();
        let chunk: FigureInput[] = [];
        const store = async (batch: FigureInput[]) => {
          if (batch.length > 0 && (request.policy === 'accept-valid' || counts.rejected === 0)) {
            const written = await session.write(batch, id, timings.time);
            counts.created += written.created;
            counts.revised += written.revised;
            counts.unchanged += written.unchanged;
            counts.flagged += written.flagged;
            flags.add(written.found);
          }
        };
        // One chunk is written while the next is read and validated: PostgreSQL and this process
        // work at the same time instead of taking turns. At most two chunks are held.
        let writing: Promise<void> = Promise.resolve();
        const flush = async () => {
          const batch = chunk;
          chunk = [];
          await writing;
          writing = store(batch);
          writing.catch(() => undefined); // awaited (and its error thrown) before the next chunk or at the end
        };
        const reject = (line: number, problems: readonly { field: string; reason: string }[]) => {
          counts.rejected += 1;
          for (const problem of problems)
            if (errors.length < MAX_KEPT_ERRORS) errors.push({ line, field: problem.field, reason: problem.reason });
        };
        const now = new Date();
        const scope = request.scope ?? null;
        for await (const row of source.rows) {
          counts.total += 1;
          if ('errors' in row) {
            reject(row.line, row.errors);
            continue;
          }
          const checked = checkFigure(row.figure, now);
          if (!checked.ok) {
            reject(row.line, checked.problems);
            continue;
          }
          if (scope && !scope.includes(row.figure.municipality)) {
            outOfScope += 1;
            reject(row.line, [
              { field: 'municipality', reason: `municipality ${row.figure.municipality} is outside your scope (${scope.join(', ')})` },
            ]);
            continue;
          }
          municipalities.add(row.figure.municipality);
          const first = firstLines.duplicateOf(checked.figure, row.line);
          if (first !== undefined) {
            reject(row.line, [{ field: 'period', reason: `duplicates line ${first} (same source, series, municipality and period)` }]);
            continue;
          }
          chunk.push(checked.figure);
          if (chunk.length >= CHUNK_ROWS) await flush();
        }
        await flush();
        await writing;
        if ((request.policy === 'all-or-nothing' && counts.rejected > 0) || outOfScope > 0) throw new RejectedImport();
        const review = source.review?.();
        if (review) {
          const table = await session.review(review, id, timings.time);
          counts.flagged += table.flagged;
          flags.add(table.found);
        }
        if (closing) await session.publish(closing(counts));
      });
    } catch (error) {
      const emptied = { ...counts, created: 0, revised: 0, unchanged: 0, flagged: 0 };
      if (error instanceof RejectedImport) {
        const why =
          outOfScope > 0 ? `${outOfScope} row(s) outside your municipalities` : `${counts.rejected} problem(s) in ${counts.total} rows`;
        return this.finish(id, {
          status: 'rejected',
          counts: emptied,
          errors,
          meta,
          flags: [],
          message: `Import rejected: ${why}; nothing was stored.`,
          municipalities: [...municipalities],
        });
      }
      if (error instanceof UnusableInput)
        return this.finish(id, { status: 'failed', counts: emptied, errors, meta, flags: [], message: error.message });
      this.logger.warn({ importId: id, timingsMs: timings.summary() }, 'import failed');
      await this.imports.finish(id, {
        status: 'failed',
        counts: emptied,
        errors,
        meta,
        flags: [],
        message: `internal error: ${(error as Error).message}`.slice(0, 1000),
      });
      throw error;
    }
    this.logger.log({ importId: id, rows: counts.total, timingsMs: timings.summary() }, 'import stored');
    return this.finish(id, { status: 'accepted', counts, errors, meta, flags: flags.list(), municipalities: [...municipalities] });
  }

  private async finish(id: string, outcome: Parameters<ImportsRepository['finish']>[1] & { counts: ImportCounts }): Promise<ImportOutcome> {
    await this.imports.finish(id, outcome);
    this.logger.log({ importId: id, status: outcome.status, ...outcome.counts }, 'import finished');
    return { id, status: outcome.status, counts: outcome.counts, message: outcome.message };
  }
}

/** What an import's checks found, once per (check, figure) however many checks raised it, at most MAX_KEPT_ERRORS. */
class FoundFlags {
  private readonly byKey = new Map<string, FoundFlag>();

  add(found: readonly FoundFlag[]): void {
    for (const flag of found) {
      const key = `${flag.check}|${flag.source}|${flag.series}|${flag.municipality}|${flag.period}`;
      const known = this.byKey.get(key);
      if (known ? !known.new && flag.new : this.byKey.size < MAX_KEPT_ERRORS) this.byKey.set(key, flag);
    }
  }

  list(): FoundFlag[] {
    return [...this.byKey.values()];
  }
}

/** Where an import's time went (store, quality checks, outbox; reading overlaps them), for the log: a slow backfill says why. */
class PhaseTimings {
  private readonly spent = new Map<string, number>();
  private readonly started = performance.now();

  /** An arrow, so it can be handed to the figure writer as its PhaseTimer. */
  readonly time = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.spent.set(phase, (this.spent.get(phase) ?? 0) + performance.now() - start);
    }
  };

  summary(): Record<string, number> {
    const total = performance.now() - this.started;
    const phases = Object.fromEntries([...this.spent].map(([phase, ms]) => [phase, Math.round(ms)]));
    return { ...phases, total: Math.round(total) };
  }
}
