import { createHash } from 'node:crypto';
import { createEvent, EventEnvelope, IndicatorComputed } from '@pejling/contracts';
import { ClusterAssignment, clusterIndicatorOf, clusterInForce, computeBenchmarks, findShareIndicator } from '@pejling/domain-indicators';
import { isCountryArea, periodEndMonth, periodKind } from '@pejling/domain-kernel';
import { clustersOfIndicators, StoredCluster } from '../clusters/cluster-declarations.repository';
import type { UnitOfWork } from '@pejling/platform';
import { DuePeriod } from '../persistence/benchmark-queue.repository';
import { derivedNationals } from './derived-benchmarks';
import { storePublishedReadings, valuesWithPublished, ValueWithPublished as ValueRow } from './published-readings.repository';

/**
 * Recomputes the benchmarks (national figure, cluster averages, ranks) of each (indicator,
 * period) over every municipality with a value, and returns an `indicator.computed` event for each
 * reading that differs from the one last published; unchanged readings publish nothing. Reads and
 * writes all the pairs in one statement each. The caller has taken the pairs off the queue under
 * their locks, so no other worker publishes the same readings at the same time.
 */
export async function publishChangedReadings(unit: UnitOfWork, pairs: readonly DuePeriod[]): Promise<EventEnvelope[]> {
  if (pairs.length === 0) return [];
  const rows = await valuesWithPublished(unit.manager, pairs);
  // A derived indicator (a 12-month change or mean) is compared within its base indicator's clusters.
  const clusters = await clustersOfIndicators(unit.manager, [...new Set(pairs.map((pair) => clusterIndicatorOf(pair.indicatorId)))]);
  const nationals = await derivedNationals(unit, pairs);
  const byPair = new Map<string, ValueRow[]>();
  for (const row of rows) {
    const key = `${row.indicator_id}|${row.period}`;
    const values = byPair.get(key);
    if (values) values.push(row);
    else byPair.set(key, [row]);
  }
  const changed: { reading: IndicatorComputed; signature: string; correlationId?: string }[] = [];
  for (const pair of pairs) {
    const values = byPair.get(`${pair.indicatorId}|${pair.period}`) ?? [];
    const declarations = clusters.get(clusterIndicatorOf(pair.indicatorId)) ?? new Map<string, StoredCluster[]>();
    const end = periodEndMonth(pair.period);
    const clusterOf = (municipality: string): ClusterAssignment | undefined => clusterInForce(declarations.get(municipality) ?? [], end);
    const key = `${pair.indicatorId}|${pair.period}`;
    const national = nationals.has(key) ? { value: nationals.get(key) ?? null } : undefined;
    for (const found of changedReadings(pair, values, clusterOf, national))
      changed.push({ ...found, correlationId: pair.correlationId ?? undefined });
  }
  if (changed.length === 0) return [];
  await storePublishedReadings(
    unit.manager,
    changed.map(({ reading, signature }) => ({
      indicator_id: reading.indicatorId,
      period: reading.period,
      municipality: reading.municipality,
      value: reading.value,
      signature,
    })),
  );
  return changed.map(({ reading, correlationId }) =>
    createEvent('indicator.computed', reading, { source: 'pejling/indicators', municipality: reading.municipality, correlationId }),
  );
}

/**
 * The country's own value (area 000, from "Hele landet" figures) is the official national figure;
 * it is never a reading, a rank or part of an average. Without it, `national` (see derivedNationals)
 * replaces Σ numerators ÷ Σ denominators where that ratio is not the national figure.
 */
function changedReadings(
  pair: DuePeriod,
  all: readonly ValueRow[],
  clusterOf: (municipality: string) => ClusterAssignment | undefined,
  national?: { value: number | null },
): { reading: IndicatorComputed; signature: string }[] {
  const country = all.find((row) => isCountryArea(row.municipality));
  const rows = all.filter((row) => !isCountryArea(row.municipality));
  // A plan's own figures (a survey score, a process share) have no population behind them: their average is a plain mean.
  const averaging = findShareIndicator(clusterIndicatorOf(pair.indicatorId)) ? 'ratio' : 'mean';
  const benchmarks = computeBenchmarks(rows, clusterOf, country?.value ?? null, averaging);
  const changed: { reading: IndicatorComputed; signature: string }[] = [];
  for (const row of rows) {
    const benchmark = benchmarks.get(row.municipality);
    if (!benchmark) continue;
    const reading: IndicatorComputed = {
      indicatorId: pair.indicatorId,
      municipality: row.municipality,
      period: pair.period,
      periodKind: periodKind(pair.period),
      value: row.value,
      unit: row.unit,
      numerator: row.numerator,
      denominator: row.denominator,
      parts: row.parts,
      previousValue: row.published_value,
      benchmarks: {
        national: country || !national ? benchmark.national : national.value,
        cluster: benchmark.cluster,
        clusterMembers: benchmark.clusterMembers,
        nationalBasis: benchmark.nationalBasis,
        clusterBasis: benchmark.clusterBasis,
      },
      rank: { country: benchmark.country, countryOf: benchmark.countryOf, cluster: benchmark.clusterRank, clusterOf: benchmark.clusterOf },
    };
    const signature = signatureOf(reading);
    if (signature !== row.published_signature) changed.push({ reading, signature });
  }
  return changed;
}

/** Value, inputs, benchmarks and ranks, hashed (previousValue is bookkeeping, not a change): equal signatures, same reading. */
function signatureOf(reading: IndicatorComputed): string {
  const { previousValue: _previous, ...significant } = reading;
  return createHash('sha256').update(JSON.stringify(significant)).digest('base64');
}
