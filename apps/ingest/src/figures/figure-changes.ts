import { v7 as uuidv7 } from 'uuid';
import { createEvent, EventEnvelope } from '@pejling/contracts';
import { FigureInput } from '@pejling/domain-figures';
import { isCountryArea, parsePeriod } from '@pejling/domain-kernel';
import type { FigureRevision, NewFigure, StoredFigure } from '../persistence/figures.repository';

export const figureKey = (figure: Pick<FigureInput, 'source' | 'series' | 'municipality' | 'period'>) =>
  `${figure.source}|${figure.series}|${figure.municipality}|${figure.period}`;

/** What a write changes: the new figures, the revised ones (with what they replace), and how many are unchanged. */
export interface FigureChanges {
  created: NewFigure[];
  revised: { figure: FigureInput; before: StoredFigure }[];
  unchanged: number;
}

/** Every writer inserts new keys in the same order, so two batches with the same new figures queue instead of deadlocking. */
export function sortedByKey(figures: readonly FigureInput[]): FigureInput[] {
  return figures
    .map((figure) => ({ key: figureKey(figure), figure }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ figure }) => figure);
}

/** Compares validated figures (periods canonical, keys unique) with the stored ones: new, revised, or the same value again (a no-op). */
export function changesAgainst(figures: readonly FigureInput[], stored: readonly StoredFigure[]): FigureChanges {
  const existing = new Map(stored.map((row) => [figureKey(row), row]));
  const created: NewFigure[] = [];
  const revised: { figure: FigureInput; before: StoredFigure }[] = [];
  for (const figure of figures) {
    const before = existing.get(figureKey(figure));
    if (!before) {
      const period = periodOf(figure);
      created.push({ ...figure, id: uuidv7(), periodKind: period.kind, periodEnd: period.endMonth });
    } else if (before.value !== figure.value) revised.push({ figure, before });
  }
  return { created, revised, unchanged: figures.length - created.length - revised.length };
}

export function revisionsOf(changes: FigureChanges): FigureRevision[] {
  return changes.revised.map(({ figure, before }) => ({
    id: before.id,
    value: figure.value,
    sourceUpdatedAt: figure.sourceUpdatedAt ?? null,
  }));
}

/** The new and revised figures (the data-quality checks look at these). */
export function changedFigures(changes: FigureChanges): FigureInput[] {
  return [...changes.created.map(withoutPeriodColumns), ...changes.revised.map(({ figure }) => figure)];
}

/** A `figure.recorded` event for every new or revised figure. */
export function recordedEvents(changes: FigureChanges, batchId: string): EventEnvelope[] {
  return [
    ...changes.created.map((figure) => figureRecorded(figure.id, withoutPeriodColumns(figure), null, 1, null, batchId)),
    ...changes.revised.map(({ figure, before }) =>
      figureRecorded(before.id, figure, before.value, before.revision + 1, before.source_updated_at, batchId),
    ),
  ];
}

function withoutPeriodColumns({ id: _id, periodKind: _kind, periodEnd: _end, ...figure }: NewFigure): FigureInput {
  return figure;
}

function periodOf(figure: FigureInput): { kind: 'month' | 'quarter' | 'rolling-year' | 'year'; endMonth: string } {
  const parsed = parsePeriod(figure.period);
  if (!parsed.ok) throw new Error(`unvalidated period ${figure.period}`);
  return parsed;
}

function figureRecorded(
  figureId: string,
  figure: FigureInput,
  previousValue: number | null,
  revision: number,
  previousSourceUpdatedAt: Date | null,
  batchId: string,
): EventEnvelope {
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
