import { Period, periodEndMonth } from './period';

/** Months since year 0 of the month a period ends in, so periods of any kind can be subtracted and projected. */
export function monthIndex(period: Period): number {
  const [year, month] = periodEndMonth(period).split('-').map(Number);
  return year * 12 + (month - 1);
}

export function periodFromIndex(index: number): Period {
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(period: Period, months: number): Period {
  return periodFromIndex(monthIndex(period) + months);
}

export function monthsBetween(from: Period, to: Period): number {
  return monthIndex(to) - monthIndex(from);
}

export type EvaluationPeriodKind = 'month' | 'quarter' | 'rolling-12-months' | 'year';

const CADENCE_MONTHS: Record<EvaluationPeriodKind, number> = { month: 1, quarter: 3, 'rolling-12-months': 1, year: 12 };

/**
 * The newest period a source's publication calendar says must exist by `asOf`: Jobindsats
 * publishes a month about `lagMonths` after it ends, and one cadence of grace is allowed before a
 * series counts as stale (a monthly series two months behind its due month is stale).
 */
export function latestDuePeriod(kind: EvaluationPeriodKind, asOf: Period, lagMonths: number): Period {
  return addMonths(asOf, -(lagMonths + CADENCE_MONTHS[kind]));
}
