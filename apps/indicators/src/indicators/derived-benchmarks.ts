import { findShareIndicator, nationalChangeOfShare, parseDerivedId, sameTimeLastYear } from '@pejling/domain-indicators';
import type { UnitOfWork } from '@pejling/platform';
import { QueuedPeriod } from '../persistence/benchmark-queue.repository';
import { loadValuesOfPeriods } from './own-values.repository';

/**
 * The national benchmarks of derived readings that Σ numerators ÷ Σ denominators over their own
 * values cannot give, by (indicator, period); pairs not in the map use that ratio as usual:
 * - the rolling mean of a share: its numerator and denominator are 12-month means, so the ratio is
 *   the country's share over the 12 months (not in the map);
 * - the 12-month change of a share: the change of the national share, from the base share's values
 *   of both years over the municipalities that have both;
 * - anything derived from a plan-declared indicator: null. Such figures have no population behind
 *   them, and a mean of the municipalities that post them is not a national figure.
 */
export async function derivedNationals(unit: UnitOfWork, pairs: readonly QueuedPeriod[]): Promise<Map<string, number | null>> {
  const nationals = new Map<string, number | null>();
  const changes: { key: string; base: string; period: string }[] = [];
  for (const pair of pairs) {
    const derived = parseDerivedId(pair.indicatorId);
    if (!derived) continue;
    const key = `${pair.indicatorId}|${pair.period}`;
    if (!findShareIndicator(derived.base)) nationals.set(key, null);
    else if (derived.derivation === 'change-12m') changes.push({ key, base: derived.base, period: pair.period });
  }
  if (changes.length === 0) return nationals;
  const rows = await loadValuesOfPeriods(
    unit.manager,
    changes.flatMap((change) => [
      { indicatorId: change.base, period: change.period },
      { indicatorId: change.base, period: sameTimeLastYear(change.period) },
    ]),
  );
  const byPair = new Map<string, typeof rows>();
  for (const row of rows) byPair.set(`${row.indicatorId}|${row.period}`, [...(byPair.get(`${row.indicatorId}|${row.period}`) ?? []), row]);
  const of = (indicatorId: string, period: string) => byPair.get(`${indicatorId}|${period}`) ?? [];
  for (const change of changes)
    nationals.set(change.key, nationalChangeOfShare(of(change.base, change.period), of(change.base, sameTimeLastYear(change.period))));
  return nationals;
}
