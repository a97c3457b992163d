import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FigureInput, FigureRef } from '@pejling/domain-figures';

/** A stored figure as the writer compares a new one against it. */
export interface StoredFigure {
  id: string;
  source: string;
  series: string;
  municipality: string;
  period: string;
  value: number;
  revision: number;
  source_updated_at: Date | null;
}

/** A new figure to insert, with its id and its period's kind and end month. */
export interface NewFigure extends FigureInput {
  id: string;
  periodKind: string;
  periodEnd: string;
}

/** A changed value of a stored figure. */
export interface FigureRevision {
  id: string;
  value: number;
  sourceUpdatedAt: string | null;
}

/** A figure as GET /v1/figures lists it. */
export interface FigureListing {
  id: string;
  source: string;
  series: string;
  municipality: string;
  period: string;
  value: number;
  unit: string;
  revision: number;
  updatedAt: string;
}

export interface FigureRevisionFilter {
  series?: string;
  municipality?: string;
  period?: string;
  limit: number;
}

export interface FigureWithRevisions extends FigureListing {
  revisions: {
    revision: number;
    previousValue: number;
    value: number;
    batchId: string;
    revisedAt: string;
    previousSourceUpdatedAt: string | null;
    sourceUpdatedAt: string | null;
  }[];
}

/** A key of one figure: source, series, municipality and period. */
export type FigureKeyFields = Pick<FigureInput, 'source' | 'series' | 'municipality' | 'period'>;

/** The stretch of one series (source, series, municipality) between two period end months. */
export interface SeriesWindow {
  source: string;
  series: string;
  municipality: string;
  from: string;
  to: string;
}

/**
 * Writers of figures hold this transaction-scoped advisory lock: JSON batches share it (each is
 * one sorted statement set, so they cannot deadlock each other), a CSV import takes it alone (it
 * writes in many chunks, whose locks could otherwise interleave with a batch's into a deadlock).
 */
export const FIGURE_WRITERS_LOCK = 0x6669_6775; // "figu"

/** The figures and their revisions: every statement on `figures` and `figure_revisions`. */
@Injectable()
export class FiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async lockForBatch(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [FIGURE_WRITERS_LOCK]);
  }

  async lockForImport(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [FIGURE_WRITERS_LOCK]);
  }

  /**
   * The planner's statistics do not see the rows this transaction has written so far: after a
   * few chunks it would hash- or merge-join the whole table for every chunk (quadratic in a
   * backfill). Every lookup of a writer is by key, so nested loops over the indexes are right at any size.
   */
  async planForKeyLookups(manager: EntityManager): Promise<void> {
    await manager.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off');
  }

  /** The stored figures with these keys, locked for update (in id order, so writers queue instead of deadlocking). */
  lockExisting(manager: EntityManager, keys: readonly FigureKeyFields[]): Promise<StoredFigure[]> {
    return manager.query(
      `SELECT f.id, f.source, f.series, f.municipality, f.period, f.value, f.revision, f.source_updated_at
         FROM figures f
         JOIN unnest($1::text[], $2::text[], $3::bpchar[], $4::text[]) AS k(source, series, municipality, period)
           ON f.source = k.source AND f.series = k.series AND f.municipality = k.municipality AND f.period = k.period
        ORDER BY f.id
        FOR UPDATE OF f`,
      columns(keys, ['source', 'series', 'municipality', 'period']),
    );
  }

  /** Inserts the new figures, skipping keys a concurrent writer stored first; returns how many were inserted. */
  async insertNew(manager: EntityManager, created: readonly NewFigure[], batchId: string): Promise<number> {
    if (created.length === 0) return 0;
    // The rows travel as one JSON document: cheaper than escaping eleven array literals of thousands of values.
    const rows = created.map((figure) => ({
      id: figure.id,
      source: figure.source,
      series: figure.series,
      municipality: figure.municipality,
      period: figure.period,
      value: figure.value,
      unit: figure.unit,
      source_updated_at: figure.sourceUpdatedAt ?? null,
      period_kind: figure.periodKind,
      period_end: figure.periodEnd,
    }));
    const inserted: unknown[] = await manager.query(
      `INSERT INTO figures (id, source, series, municipality, period, value, unit, source_updated_at, period_kind, period_end, batch_id)
       SELECT r.*, $2::uuid
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, source text, series text, municipality char(3), period text, value float8, unit text,
                                                  source_updated_at timestamptz, period_kind text, period_end text)
       ON CONFLICT (source, series, municipality, period) DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows), batchId],
    );
    return inserted.length;
  }

  /** Logs each revision (with the source's timestamps before and after) and applies it. */
  async revise(manager: EntityManager, revised: readonly FigureRevision[], batchId: string): Promise<void> {
    if (revised.length === 0) return;
    const parameters = [revised.map((row) => row.id), revised.map((row) => row.value), revised.map((row) => row.sourceUpdatedAt), batchId];
    await manager.query(
      `INSERT INTO figure_revisions (figure_id, revision, previous_value, value, previous_source_updated_at, source_updated_at, batch_id)
       SELECT f.id, f.revision + 1, f.value, r.value, f.source_updated_at, r.source_updated_at, $4::uuid
         FROM figures f JOIN unnest($1::uuid[], $2::float8[], $3::timestamptz[]) AS r(id, value, source_updated_at) ON f.id = r.id`,
      parameters,
    );
    await manager.query(
      `UPDATE figures f SET value = r.value, source_updated_at = r.source_updated_at, revision = f.revision + 1, batch_id = $4::uuid, updated_at = now()
         FROM unnest($1::uuid[], $2::float8[], $3::timestamptz[]) AS r(id, value, source_updated_at) WHERE f.id = r.id`,
      parameters,
    );
  }

  /** The stored values of these keys (those that exist). */
  valuesOf(manager: EntityManager, keys: readonly FigureKeyFields[]): Promise<FigureRef[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT f.source, f.series, f.municipality, f.period, f.value FROM figures f
         JOIN unnest($1::text[], $2::text[], $3::bpchar[], $4::text[]) AS c(source, series, municipality, period)
           ON f.source = c.source AND f.series = c.series AND f.municipality = c.municipality AND f.period = c.period`,
      columns(keys, ['source', 'series', 'municipality', 'period']),
    );
  }

  /** Each window's figures with their period end month. */
  async inWindows(manager: EntityManager, windows: readonly SeriesWindow[]): Promise<{ ref: FigureRef; end: string }[]> {
    if (windows.length === 0) return [];
    const rows: (FigureRef & { period_end: string })[] = await manager.query(
      `SELECT f.source, f.series, f.municipality, f.period, f.value, f.period_end FROM figures f
         JOIN unnest($1::text[], $2::text[], $3::bpchar[], $4::text[], $5::text[]) AS w(source, series, municipality, from_end, to_end)
           ON f.source = w.source AND f.series = w.series AND f.municipality = w.municipality AND f.period_end BETWEEN w.from_end AND w.to_end`,
      columns(windows, ['source', 'series', 'municipality', 'from', 'to']),
    );
    return rows.map(({ period_end: end, ...ref }) => ({ ref, end }));
  }

  /** Stored figures (at most 1000), by municipality, series and newest period first. */
  list(filter: { municipality?: string; series?: string }, manager: EntityManager = this.dataSource.manager): Promise<FigureListing[]> {
    return manager.query(
      `SELECT id, source, series, municipality, period, value, unit, revision, updated_at AS "updatedAt"
         FROM figures
        WHERE ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR series = $2)
        ORDER BY municipality, series, period DESC LIMIT 1000`,
      [filter.municipality ?? null, filter.series ?? null],
    );
  }

  /** Figures with every revision (oldest first): published statistics, so not scoped. */
  listWithRevisions(filter: FigureRevisionFilter, manager: EntityManager = this.dataSource.manager): Promise<FigureWithRevisions[]> {
    return manager.query(
      `SELECT f.id, f.source, f.series, f.municipality, f.period, f.value, f.unit, f.revision, f.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('revision', r.revision, 'previousValue', r.previous_value, 'value', r.value, 'batchId', r.batch_id,
                                                          'revisedAt', r.revised_at, 'previousSourceUpdatedAt', r.previous_source_updated_at,
                                                          'sourceUpdatedAt', r.source_updated_at) ORDER BY r.revision)
                          FROM figure_revisions r WHERE r.figure_id = f.id), '[]') AS revisions
         FROM figures f
        WHERE ($1::text IS NULL OR f.series = $1) AND ($2::text IS NULL OR f.municipality = $2) AND ($3::text IS NULL OR f.period = $3)
        ORDER BY f.municipality, f.series, f.period DESC, f.source LIMIT $4`,
      [filter.series ?? null, filter.municipality ?? null, filter.period ?? null, filter.limit],
    );
  }
}

function columns<T, K extends keyof T>(rows: readonly T[], keys: K[]): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key]));
}
