import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope, IndicatorComputed } from '@pejling/contracts';
import { computeBenchmarks, periodKind } from '@pejling/domain';

interface ValueRow {
  municipality: string;
  unit: 'percent' | 'count';
  value: number;
  numerator: number;
  denominator: number;
  parts: Record<string, number>;
  published: IndicatorComputed | null;
}

/**
 * Recomputes the benchmarks (national average, cluster averages, ranks) of one indicator and
 * period over every municipality with a value, and returns an `indicator.computed` event for each
 * reading that differs from the one last published; unchanged readings publish nothing. The caller
 * holds the period's queue row, so no other worker publishes the same readings at the same time.
 */
export async function publishChangedReadings(manager: EntityManager, indicatorId: string, period: string, correlationId?: string): Promise<EventEnvelope[]> {
  const rows: ValueRow[] = await manager.query(
    `SELECT v.municipality, v.value, v.numerator, v.denominator, v.parts, v.unit, p.reading AS published
       FROM indicator_values v
       LEFT JOIN published_readings p ON p.indicator_id = v.indicator_id AND p.period = v.period AND p.municipality = v.municipality
      WHERE v.indicator_id = $1 AND v.period = $2 ORDER BY v.municipality`,
    [indicatorId, period],
  );
  const clusters = await loadClusters(manager, indicatorId);
  const benchmarks = computeBenchmarks(rows, (municipality) => clusters.get(municipality));
  const readings: IndicatorComputed[] = [];
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
      previousValue: row.published ? row.published.value : null,
      benchmarks: { national: benchmark.national, cluster: benchmark.cluster, clusterMembers: benchmark.clusterMembers },
      rank: { country: benchmark.country, countryOf: benchmark.countryOf, cluster: benchmark.clusterRank, clusterOf: benchmark.clusterOf },
    };
    if (!row.published || !sameReading(row.published, reading)) readings.push(reading);
  }
  if (readings.length === 0) return [];
  await manager.query(
    `INSERT INTO published_readings (indicator_id, period, municipality, reading)
     SELECT $1, $2, municipality, reading FROM unnest($3::text[], $4::jsonb[]) AS r(municipality, reading)
     ON CONFLICT (indicator_id, period, municipality) DO UPDATE SET reading = EXCLUDED.reading, published_at = now()`,
    [indicatorId, period, readings.map((reading) => reading.municipality), readings.map((reading) => JSON.stringify(reading))],
  );
  return readings.map((reading) => createEvent('indicator.computed', reading, { source: 'pejling/indicators', municipality: reading.municipality, correlationId }));
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
