import { Period } from '../period';

/** Months since year 0, so periods can be subtracted and projected. */
export function monthIndex(period: Period): number {
  const [year, month] = period.split('-').map(Number);
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
