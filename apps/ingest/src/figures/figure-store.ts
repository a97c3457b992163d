import { v7 as uuidv7 } from 'uuid';
import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope } from '@pejling/contracts';
import { FigureInput } from '@pejling/domain-figures';
import { isCountryArea, parsePeriod } from '@pejling/domain-kernel';

interface StoredFigure {
  id: string;
  source: string;
  series: string;
  municipality: string;
  period: string;
  value: number;
  revision: number;
  source_updated_at: Date | null;
}

/** A figure as stored: its id and, for a revision, what it replaced. */
export interface StoredChange {
  figureId: string;
  figure: FigureInput;
  previousValue: number | null;
}

export interface StoreOutcome {
  created: number;
  revised: number;
  unchanged: number;
  events: EventEnvelope[];
  /** New and revised figures (the data-quality checks look at these). */
  changes: StoredChange[];
}

/** Raised when a concurrent batch inserted one of our new figures first; the caller retries. */
export class ConcurrentInsertError extends Error {}

/**
 * Writers of figures hold this transaction-scoped advisory lock: JSON batches share it (each is
 * one sorted statement set, so they cannot deadlock each other), a CSV import takes it alone (it
 * writes in many chunks, whose locks could otherwise interleave with a batch's into a deadlock).
 */
const FIGURE_WRITERS_LOCK = 0x6669_6775; // "figu"

export async function lockFiguresForBatch(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [FIGURE_WRITERS_LOCK]);
}

export async function lockFiguresForImport(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [FIGURE_WRITERS_LOCK]);
}

export const figureKey = (figure: Pick<FigureInput, 'source' | 'series' | 'municipality' | 'period'>) =>
  `${figure.source}|${figure.series}|${figure.municipality}|${figure.period}`;

/**
 * Stores a validated batch (periods canonical, keys unique) with a fixed number of statements
 * whatever its size: lock the figures that exist, insert the new ones, update the revised ones and
 * log their revisions with the source's timestamps. Returns a `figure.recorded` event for every new
 * or revised figure; a figure posted again with the same value is a no-op and yields none.
 */
export async function storeFigures(manager: EntityManager, unsorted: FigureInput[], batchId: string): Promise<StoreOutcome> {
  // Every writer inserts new keys in the same order, so two batches with the same new figures queue instead of deadlocking.
  const figures = unsorted
    .map((figure) => ({ key: figureKey(figure), figure }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ figure }) => figure);
  const existing = await lockExisting(manager, figures);
  const created: (FigureInput & { id: string })[] = [];
  const revised: { figure: FigureInput; before: StoredFigure }[] = [];
  for (const figure of figures) {
    const before = existing.get(figureKey(figure));
    if (!before) created.push({ ...figure, id: uuidv7() });
    else if (before.value !== figure.value) revised.push({ figure, before });
  }
  await insertCreated(manager, created, batchId);
  await applyRevisions(manager, revised, batchId);

  const events = [
    ...created.map((figure) => figureRecorded(figure.id, figure, null, 1, null, batchId)),
    ...revised.map(({ figure, before }) => figureRecorded(before.id, figure, before.value, before.revision + 1, before.source_updated_at, batchId)),
  ];
  const changes = [
    ...created.map((figure) => ({ figureId: figure.id, figure, previousValue: null })),
    ...revised.map(({ figure, before }) => ({ figureId: before.id, figure, previousValue: before.value })),
  ];
  return { created: created.length, revised: revised.length, unchanged: figures.length - created.length - revised.length, events, changes };
}

async function lockExisting(manager: EntityManager, figures: FigureInput[]): Promise<Map<string, StoredFigure>> {
  const rows: StoredFigure[] = await manager.query(
    `SELECT f.id, f.source, f.series, f.municipality, f.period, f.value, f.revision, f.source_updated_at
       FROM figures f
       JOIN unnest($1::text[], $2::text[], $3::bpchar[], $4::text[]) AS k(source, series, municipality, period)
         ON f.source = k.source AND f.series = k.series AND f.municipality = k.municipality AND f.period = k.period
      ORDER BY f.id
      FOR UPDATE OF f`,
    columns(figures, ['source', 'series', 'municipality', 'period']),
  );
  return new Map(rows.map((row) => [figureKey(row), row]));
}

async function insertCreated(manager: EntityManager, created: (FigureInput & { id: string })[], batchId: string): Promise<void> {
  if (created.length === 0) return;
  // The rows travel as one JSON document: cheaper than escaping eleven array literals of thousands of values.
  const rows = created.map((figure) => ({
    id: figure.id, source: figure.source, series: figure.series, municipality: figure.municipality, period: figure.period, value: figure.value, unit: figure.unit,
    source_updated_at: figure.sourceUpdatedAt ?? null, period_kind: periodOf(figure).kind, period_end: periodOf(figure).endMonth,
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
  if (inserted.length !== created.length) throw new ConcurrentInsertError('a concurrent batch stored some of these figures first');
}

async function applyRevisions(manager: EntityManager, revised: { figure: FigureInput; before: StoredFigure }[], batchId: string): Promise<void> {
  if (revised.length === 0) return;
  const ids = revised.map(({ before }) => before.id);
  const values = revised.map(({ figure }) => figure.value);
  const sourceTimes = revised.map(({ figure }) => figure.sourceUpdatedAt ?? null);
  await manager.query(
    `INSERT INTO figure_revisions (figure_id, revision, previous_value, value, previous_source_updated_at, source_updated_at, batch_id)
     SELECT f.id, f.revision + 1, f.value, r.value, f.source_updated_at, r.source_updated_at, $4::uuid
       FROM figures f JOIN unnest($1::uuid[], $2::float8[], $3::timestamptz[]) AS r(id, value, source_updated_at) ON f.id = r.id`,
    [ids, values, sourceTimes, batchId],
  );
  await manager.query(
    `UPDATE figures f SET value = r.value, source_updated_at = r.source_updated_at, revision = f.revision + 1, batch_id = $4::uuid, updated_at = now()
       FROM unnest($1::uuid[], $2::float8[], $3::timestamptz[]) AS r(id, value, source_updated_at) WHERE f.id = r.id`,
    [ids, values, sourceTimes, batchId],
  );
}

function periodOf(figure: FigureInput): { kind: 'month' | 'quarter' | 'rolling-year' | 'year'; endMonth: string } {
  const parsed = parsePeriod(figure.period);
  if (!parsed.ok) throw new Error(`unvalidated period ${figure.period}`);
  return parsed;
}

function figureRecorded(figureId: string, figure: FigureInput, previousValue: number | null, revision: number, previousSourceUpdatedAt: Date | null, batchId: string): EventEnvelope {
  return createEvent(
    'figure.recorded',
    {
      figureId,
      source: figure.source,
      series: figure.series,
      municipality: figure.municipality,
      period: figure.period,
      periodKind: periodOf(figure).kind,
      value: figure.value,
      unit: figure.unit as 'full-time-persons' | 'persons' | 'percent' | 'count',
      previousValue,
      revision,
      sourceUpdatedAt: figure.sourceUpdatedAt ? new Date(figure.sourceUpdatedAt).toISOString() : null,
      previousSourceUpdatedAt: previousSourceUpdatedAt ? previousSourceUpdatedAt.toISOString() : null,
      area: isCountryArea(figure.municipality) ? 'country' : 'municipality',
    },
    { source: 'pejling/ingest', municipality: figure.municipality, correlationId: batchId },
  );
}

function columns<T, K extends keyof T>(rows: T[], keys: K[]): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key]));
}
