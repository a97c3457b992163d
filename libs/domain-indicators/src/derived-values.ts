import { addMonths, parsePeriod, Period, previousPeriod } from '@pejling/domain-kernel';
import { DerivedIndicatorDefinition, Derivation, IndicatorUnit } from './indicators';

/** A stored value of a base indicator for one municipality and period. */
export interface BaseValue {
  value: number;
  numerator: number;
  denominator: number;
}

export interface DerivedValue {
  indicatorId: string;
  period: Period;
  value: number;
  numerator: number;
  denominator: number;
  unit: IndicatorUnit;
}

/**
 * The same period a year earlier, for every period kind: 2020-07 for 2021-07, 2020Q3 for 2021Q3,
 * 2020QMAT02 for 2021QMAT02, 2020 for 2021. The change over 12 months of each kind compares with it.
 */
export function sameTimeLastYear(period: Period): Period {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}

export function sameTimeNextYear(period: Period): Period {
  return `${Number(period.slice(0, 4)) + 1}${period.slice(4)}`;
}

/**
 * How many periods of a kind make 12 months: 12 months or 4 quarters. A rolling year and a year
 * already cover 12 months, so they get no rolling mean (only their change over the year).
 */
function periodsPerYear(period: Period): number {
  const parsed = parsePeriod(period);
  if (!parsed.ok) return 0;
  return parsed.kind === 'month' ? 12 : parsed.kind === 'quarter' ? 4 : 0;
}

/** The periods whose values make the rolling mean at `period`, oldest first; empty for kinds without one. */
export function meanWindow(period: Period): Period[] {
  const size = periodsPerYear(period);
  const window: Period[] = [];
  for (let at = period, i = 0; i < size; i += 1, at = previousPeriod(at)) window.unshift(at);
  return window;
}

/** The next month or quarter (the only kinds with a rolling mean). */
function nextPeriod(period: Period): Period {
  if (/^\d{4}-\d{2}$/.test(period)) return addMonths(period, 1);
  const [year, quarter] = [Number(period.slice(0, 4)), Number(period.slice(5))];
  return quarter === 4 ? `${year + 1}Q1` : `${year}Q${quarter + 1}`;
}

/**
 * The derived values that a new or revised base value at `period` changes: the change at the
 * period and a year later, and the rolling mean of every window that contains it.
 */
export function periodsAffectedBy(period: Period): Record<Derivation, Period[]> {
  const size = periodsPerYear(period);
  const mean: Period[] = [];
  for (let at = period, i = 0; i < size; i += 1, at = nextPeriod(at)) mean.push(at);
  return { 'change-12m': [period, sameTimeNextYear(period)], 'mean-12m': mean };
}

/** The base periods the derived value of `derivation` at `period` is computed from. */
export function periodsNeededFor(derivation: Derivation, period: Period): Period[] {
  return derivation === 'change-12m' ? [sameTimeLastYear(period), period] : meanWindow(period);
}

/**
 * The value of a derived indicator at `period` from its base's values, or null while a value it
 * needs is missing (a change needs both years; a mean all 12 months or 4 quarters).
 * - change: value(P) − value(P a year earlier), in percentage points for a share; its numerator is
 *   the change of the numerator (full-time persons) and its denominator that of P.
 * - mean: the mean of the values; its numerator and denominator are the means of theirs, so
 *   Σ numerators ÷ Σ denominators over the country is the country's share over the 12 months.
 */
export function computeDerived(
  definition: DerivedIndicatorDefinition,
  period: Period,
  values: ReadonlyMap<Period, BaseValue>,
): DerivedValue | null {
  const needed = periodsNeededFor(definition.derivation, period);
  if (needed.length === 0) return null;
  const found = needed.map((at) => values.get(at));
  if (found.some((value) => value === undefined)) return null;
  const present = found as BaseValue[];
  const common = { indicatorId: definition.id, period, unit: definition.unit };
  if (definition.derivation === 'change-12m') {
    const [before, now] = present;
    return { ...common, value: now.value - before.value, numerator: now.numerator - before.numerator, denominator: now.denominator };
  }
  const mean = (pick: (value: BaseValue) => number) => present.reduce((sum, value) => sum + pick(value), 0) / present.length;
  return { ...common, value: mean((v) => v.value), numerator: mean((v) => v.numerator), denominator: mean((v) => v.denominator) };
}

/**
 * Every derived value that a change of the base at `changedPeriods` affects, recomputed from the
 * base's values (which must hold every period `periodsNeededFor` asks for). Values that cannot be
 * computed yet are left out: a derived value is never stored until all its inputs exist.
 */
export function recomputeDerived(
  definitions: readonly DerivedIndicatorDefinition[],
  changedPeriods: readonly Period[],
  values: ReadonlyMap<Period, BaseValue>,
): DerivedValue[] {
  // A backfill's months share most of what they affect (a mean holds 12 of them): each derived
  // value is computed once, including those that cannot be yet, and each month's list made once.
  const affected = changedPeriods.map(periodsAffectedBy);
  const seen = new Set<string>();
  const results: DerivedValue[] = [];
  for (const definition of definitions) {
    for (const periods of affected) {
      for (const period of periods[definition.derivation]) {
        const key = `${definition.id}|${period}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const value = computeDerived(definition, period, values);
        if (value) results.push(value);
      }
    }
  }
  return results;
}

/** Every base period that `recomputeDerived` reads for the changed periods. */
export function basePeriodsFor(changedPeriods: readonly Period[]): Period[] {
  const needed = new Set<Period>();
  // Each derived value's inputs once, however many of the changed periods affect it.
  const seen = new Set<string>();
  for (const changed of changedPeriods) {
    const affected = periodsAffectedBy(changed);
    for (const derivation of Object.keys(affected) as Derivation[]) {
      for (const period of affected[derivation]) {
        const key = `${derivation}|${period}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const at of periodsNeededFor(derivation, period)) needed.add(at);
      }
    }
  }
  return [...needed];
}

export interface ShareAtPeriod {
  municipality: string;
  numerator: number;
  denominator: number;
}

/**
 * The national benchmark of a change of a share: the change of the country's share (Σ numerators ÷
 * Σ denominators) over the municipalities that have both years, as Jobindsats and Frederikssund's
 * Tabel 1 print "udvikling … hele landet" (−0,3 pct.-point). Not the mean of the municipalities' changes.
 */
export function nationalChangeOfShare(now: readonly ShareAtPeriod[], yearEarlier: readonly ShareAtPeriod[]): number | null {
  const before = new Map(yearEarlier.map((value) => [value.municipality, value]));
  const both = now.filter((value) => before.has(value.municipality));
  const share = (values: readonly ShareAtPeriod[]) => {
    const denominator = values.reduce((sum, value) => sum + value.denominator, 0);
    return denominator > 0 ? (100 * values.reduce((sum, value) => sum + value.numerator, 0)) / denominator : null;
  };
  const current = share(both);
  const previous = share(both.map((value) => before.get(value.municipality) as ShareAtPeriod));
  return both.length === 0 || current === null || previous === null ? null : current - previous;
}
