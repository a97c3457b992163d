import { FigureRecorded } from '@pejling/contracts';
import { computeShare, findShareIndicator, indicatorsDependingOn } from '@pejling/domain-indicators';
import { isDirectIndicatorSeries } from '@pejling/domain-kernel';
import type { UnitOfWork } from '@pejling/platform';
import { QueuedPeriod, queueBenchmarks } from '../persistence/benchmark-queue.repository';
import { updateDerivedValues } from './derived-values';
import { inputsAt, upsertInputs } from './inputs.repository';
import { OwnValue, storeOwnValues } from './own-values.repository';

export interface ReceivedFigure {
  figure: FigureRecorded;
  eventId: string;
}

export interface AppliedFigures {
  /** Own and derived values that are new or changed. */
  valuesChanged: number;
  /** The (indicator, period) pairs whose benchmarks were queued. */
  queued: QueuedPeriod[];
}

/**
 * Applies a batch of figures in the caller's transaction, in a fixed number of statements however
 * large the batch (rows travel as one JSON document each): stores them as inputs, recomputes the touched municipalities' own indicator
 * values and the derived values (12-month change and mean) those affect, and queues the benchmarks
 * of every (indicator, period) whose values changed.
 */
export async function applyFigures(unit: UnitOfWork, received: readonly ReceivedFigure[], correlationId?: string): Promise<AppliedFigures> {
  // A later figure for the same key in the batch is a revision of the earlier one: the last wins.
  const latest = new Map(received.map((item) => [`${item.figure.municipality}|${item.figure.period}|${item.figure.series}`, item]));
  const items = [...latest.values()];
  if (items.length === 0) return { valuesChanged: 0, queued: [] };
  await upsertInputs(
    unit.manager,
    items.map(({ figure, eventId }) => ({
      municipality: figure.municipality,
      series: figure.series,
      period: figure.period,
      value: figure.value,
      eventId,
    })),
  );
  const values = [
    ...items.filter((i) => isDirectIndicatorSeries(i.figure.series)).map((i) => directValue(i.figure)),
    ...(await derivedValues(unit, items)),
  ];
  const changed = await storeOwnValues(unit.manager, values);
  const derived = await updateDerivedValues(unit, changed);
  const queued = [...changed, ...derived].map(({ indicatorId, period }) => ({ indicatorId, period }));
  await queueBenchmarks(unit.manager, queued, correlationId);
  return { valuesChanged: changed.length + derived.length, queued };
}

/** A plan-declared indicator (a survey score, a process share, a count) arrives as its own value. */
function directValue(figure: FigureRecorded): OwnValue {
  const unit = figure.unit === 'count' ? 'count' : 'percent';
  return {
    indicatorId: figure.series,
    municipality: figure.municipality,
    period: figure.period,
    value: figure.value,
    numerator: figure.value,
    denominator: 1,
    parts: {},
    unit,
  };
}

/** The catalogue indicators (shares of the population) of every municipality and period the batch touched. */
async function derivedValues(unit: UnitOfWork, items: readonly ReceivedFigure[]): Promise<OwnValue[]> {
  const touched = new Map<string, { municipality: string; period: string; indicators: Set<string> }>();
  for (const { figure } of items) {
    const affected = indicatorsDependingOn(figure.series);
    if (affected.length === 0) continue;
    const key = `${figure.municipality}|${figure.period}`;
    const entry = touched.get(key) ?? { municipality: figure.municipality, period: figure.period, indicators: new Set<string>() };
    for (const indicator of affected) entry.indicators.add(indicator.id);
    touched.set(key, entry);
  }
  if (touched.size === 0) return [];
  const pairs = [...touched.values()];
  const rows = await inputsAt(unit.manager, pairs);
  const inputs = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = `${row.municipality}|${row.period}`;
    inputs.set(key, (inputs.get(key) ?? new Map()).set(row.series, row.value));
  }
  const values: OwnValue[] = [];
  for (const [key, pair] of touched) {
    for (const indicatorId of pair.indicators) {
      const definition = findShareIndicator(indicatorId);
      const computed = definition ? computeShare(definition, inputs.get(key) ?? new Map()) : null;
      if (computed) values.push({ ...computed, municipality: pair.municipality, period: pair.period, unit: 'percent' });
    }
  }
  return values;
}
