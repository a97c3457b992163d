import {
  BaseValue,
  basePeriodsFor,
  DERIVATIONS,
  DerivedIndicatorDefinition,
  deriveIndicator,
  findIndicator,
  findShareIndicator,
  recomputeDerived,
} from '@pejling/domain-indicators';
import { isDirectIndicatorSeries, periodKind } from '@pejling/domain-kernel';
import type { UnitOfWork } from '@pejling/platform';
import { loadOwnValuesBetween, OwnValue, OwnValueKey, storeOwnValues } from './own-values.repository';

/**
 * Recomputes, in the caller's transaction, the derived values (12-month change, rolling 12-month
 * mean) that the changed own values affect: the change at P and a year later, the means of every
 * window holding P. Reads the base values it needs and writes the derived ones in one statement
 * each. Returns the derived values that are new or changed, so their benchmarks are queued.
 */
export async function updateDerivedValues(unit: UnitOfWork, changed: readonly OwnValueKey[]): Promise<OwnValueKey[]> {
  // Per base series and period kind: a monthly and a yearly figure of one indicator never mix.
  const bases = new Map<string, { indicatorId: string; municipality: string; periods: Set<string> }>();
  for (const key of changed) {
    if (!findShareIndicator(key.indicatorId) && !isDirectIndicatorSeries(key.indicatorId)) continue;
    const id = `${key.indicatorId}|${key.municipality}|${periodKind(key.period)}`;
    const base = bases.get(id) ?? { indicatorId: key.indicatorId, municipality: key.municipality, periods: new Set<string>() };
    base.periods.add(key.period);
    bases.set(id, base);
  }
  if (bases.size === 0) return [];
  const ranges = [...bases.entries()].map(([id, base]) => {
    const needed = basePeriodsFor([...base.periods]).sort();
    return { id, indicatorId: base.indicatorId, municipality: base.municipality, from: needed[0], to: needed[needed.length - 1] };
  });
  const stored = new Map<string, Map<string, OwnValue>>();
  for (const value of await loadOwnValuesBetween(unit.manager, ranges)) {
    const id = `${value.indicatorId}|${value.municipality}`;
    stored.set(id, (stored.get(id) ?? new Map()).set(value.period, value));
  }
  const derived: OwnValue[] = [];
  for (const base of bases.values()) {
    const values = stored.get(`${base.indicatorId}|${base.municipality}`) ?? new Map<string, OwnValue>();
    const unit = values.get([...base.periods][0])?.unit;
    if (unit !== 'percent' && unit !== 'count') continue;
    const definitions = DERIVATIONS.map((derivation) => definitionOf(base.indicatorId, unit, derivation));
    for (const value of recomputeDerived(definitions, [...base.periods], values as ReadonlyMap<string, BaseValue>)) {
      derived.push({ ...value, municipality: base.municipality, parts: {} });
    }
  }
  return storeOwnValues(unit.manager, derived);
}

/** The catalogue's definition for a share; for a plan-declared indicator, one made from its stored unit. */
function definitionOf(baseId: string, unit: 'percent' | 'count', derivation: (typeof DERIVATIONS)[number]): DerivedIndicatorDefinition {
  const catalogued = findIndicator(`${baseId}.${derivation}`);
  if (catalogued && 'derivation' in catalogued) return catalogued;
  // Only the id and unit matter here: the plan that declares the indicator holds its labels.
  return deriveIndicator({ id: baseId, labelDa: baseId, labelEn: baseId, unit, share: false }, derivation);
}
