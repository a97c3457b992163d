import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope, FigureRecorded, IndicatorComputed } from '@pejling/contracts';
import { computeBenchmarks, computeShare, IndicatorDefinition, indicatorsDependingOn, isDirectIndicatorSeries, periodKind } from '@pejling/domain';

interface ValueRow {
  municipality: string;
  unit: 'percent' | 'count';
  value: number;
  numerator: number;
  denominator: number;
  parts: Record<string, number>;
  published_reading: IndicatorComputed | null;
}

/**
 * Applies one figure: recomputes the municipality's indicators that depend on its series and,
 * when a value changed, the benchmarks (national average, cluster averages, ranks) of every
 * municipality with data for that indicator and period. Returns an `indicator.computed` event for
 * each municipality whose reading (value or benchmarks) changed; unchanged readings publish nothing.
 */
export async function applyFigure(manager: EntityManager, figure: FigureRecorded, figureEventId: string, correlationId?: string): Promise<EventEnvelope[]> {
  await manager.query(
    `INSERT INTO inputs (municipality, series, period, value, figure_event_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (municipality, period, series) DO UPDATE SET value = EXCLUDED.value, figure_event_id = EXCLUDED.figure_event_id, updated_at = now()`,
    [figure.municipality, figure.series, figure.period, figure.value, figureEventId],
  );
  if (isDirectIndicatorSeries(figure.series)) return applyDirectIndicator(manager, figure, correlationId);
  const affected = indicatorsDependingOn(figure.series);
  if (affected.length === 0) return [];
  // Every municipality's value for (indicator, period) is locked when benchmarks are recomputed, so
  // take the (indicator, period) locks first, in a fixed order: concurrent partitions queue, not deadlock.
  await lockPeriods(manager, affected.map((indicator) => indicator.id), figure.period);
  const inputs = await loadInputs(manager, figure.municipality, figure.period);
  const events: EventEnvelope[] = [];
  for (const indicator of affected) {
    if (await storeOwnValue(manager, indicator, figure.municipality, figure.period, inputs)) {
      events.push(...(await publishChangedReadings(manager, indicator.id, figure.period, correlationId)));
    }
  }
  return events;
}

/**
 * A plan-declared indicator (a survey score, a process share, a count) arrives as a figure that is
 * the indicator's value itself; its national benchmark is the mean over the municipalities reporting it.
 */
async function applyDirectIndicator(manager: EntityManager, figure: FigureRecorded, correlationId?: string): Promise<EventEnvelope[]> {
  await lockPeriods(manager, [figure.series], figure.period);
  const changed: unknown[] = await manager.query(
    `INSERT INTO indicator_values (indicator_id, municipality, period, value, numerator, denominator, parts, unit)
     VALUES ($1, $2, $3, $4, $4, 1, '{}', $5)
     ON CONFLICT (indicator_id, municipality, period) DO UPDATE SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, unit = EXCLUDED.unit, updated_at = now()
       WHERE indicator_values.value IS DISTINCT FROM EXCLUDED.value
     RETURNING indicator_id`,
    [figure.series, figure.municipality, figure.period, figure.value, figure.unit === 'count' ? 'count' : 'percent'],
  );
  return changed.length > 0 ? publishChangedReadings(manager, figure.series, figure.period, correlationId) : [];
}

/** Stores the municipality's own value; true if it is new or changed. */
async function storeOwnValue(manager: EntityManager, indicator: IndicatorDefinition, municipality: string, period: string, inputs: Map<string, number>): Promise<boolean> {
  const computed = computeShare(indicator, inputs);
  if (!computed) return false;
  const changed: unknown[] = await manager.query(
    `INSERT INTO indicator_values (indicator_id, municipality, period, value, numerator, denominator, parts)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (indicator_id, municipality, period) DO UPDATE
       SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, parts = EXCLUDED.parts, updated_at = now()
       WHERE indicator_values.value IS DISTINCT FROM EXCLUDED.value OR indicator_values.parts IS DISTINCT FROM EXCLUDED.parts
     RETURNING indicator_id`,
    [indicator.id, municipality, period, computed.value, computed.numerator, computed.denominator, JSON.stringify(computed.parts)],
  );
  return changed.length > 0;
}

/** Recomputes every municipality's reading for one indicator and period; publishes those that changed. */
export async function publishChangedReadings(manager: EntityManager, indicatorId: string, period: string, correlationId?: string): Promise<EventEnvelope[]> {
  const rows: ValueRow[] = await manager.query(
    `SELECT municipality, value, numerator, denominator, parts, unit, published_reading FROM indicator_values
      WHERE indicator_id = $1 AND period = $2 ORDER BY municipality FOR UPDATE`,
    [indicatorId, period],
  );
  const clusters = await loadClusters(manager, indicatorId);
  const benchmarks = computeBenchmarks(rows, (municipality) => clusters.get(municipality));
  const events: EventEnvelope[] = [];
  for (const row of rows) {
    const benchmark = benchmarks.get(row.municipality);
    if (!benchmark) continue;
    const reading: IndicatorComputed = {
      indicatorId,
      municipality: row.municipality,
      period,
      periodKind: periodKind(period),
      value: row.value,
      unit: row.unit,
      numerator: row.numerator,
      denominator: row.denominator,
      parts: row.parts,
      previousValue: row.published_reading ? row.published_reading.value : null,
      benchmarks: { national: benchmark.national, cluster: benchmark.cluster, clusterMembers: benchmark.clusterMembers },
      rank: { country: benchmark.country, countryOf: benchmark.countryOf, cluster: benchmark.clusterRank, clusterOf: benchmark.clusterOf },
    };
    if (row.published_reading && sameReading(row.published_reading, reading)) continue;
    await manager.query(`UPDATE indicator_values SET published_reading = $4 WHERE indicator_id = $1 AND municipality = $2 AND period = $3`, [
      indicatorId,
      row.municipality,
      period,
      JSON.stringify(reading),
    ]);
    events.push(createEvent('indicator.computed', reading, { source: 'pejling/indicators', municipality: row.municipality, correlationId }));
  }
  return events;
}

/** Same value, inputs, benchmarks and ranks (previousValue is bookkeeping, not a change). */
function sameReading(a: IndicatorComputed, b: IndicatorComputed): boolean {
  const key = (reading: IndicatorComputed) => JSON.stringify([reading.value, reading.parts, reading.denominator, reading.benchmarks, reading.rank]);
  return key(a) === key(b);
}

async function loadClusters(manager: EntityManager, indicatorId: string): Promise<Map<string, string[]>> {
  const rows: { municipality: string; members: string[] }[] = await manager.query(`SELECT municipality, members FROM clusters WHERE indicator_id = $1`, [indicatorId]);
  return new Map(rows.map((row) => [row.municipality, row.members]));
}

async function loadInputs(manager: EntityManager, municipality: string, period: string): Promise<Map<string, number>> {
  const rows: { series: string; value: number }[] = await manager.query(`SELECT series, value FROM inputs WHERE municipality = $1 AND period = $2`, [
    municipality,
    period,
  ]);
  return new Map(rows.map((row) => [row.series, row.value]));
}

/** Transaction-scoped advisory locks on (indicator, period), taken in sorted order. */
export async function lockPeriods(manager: EntityManager, indicatorIds: readonly string[], period: string): Promise<void> {
  for (const id of [...new Set(indicatorIds)].sort()) {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${id}|${period}`]);
  }
}
