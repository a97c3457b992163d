import { addMonths, Period } from '@pejling/domain-kernel';

export interface PeriodValue {
  period: Period;
  value: number;
}

export interface Development {
  from: number;
  to: number;
  change: number;
  /** Relative change in percent of `from`; null when `from` is 0. */
  percent: number | null;
}

/** The development between two figures, as the plans print it ("Udvikling" and "Udvikling i pct."). */
export function development(from: number, to: number): Development {
  return { from, to, change: to - from, percent: from === 0 ? null : (100 * (to - from)) / from };
}

export interface DerivedPoint extends PeriodValue {
  /** Against the same month a year earlier. */
  sameMonthLastYear: Development | null;
  /** Against a chosen baseline period. */
  sinceBaseline: Development | null;
  /** Mean of the 12 months ending here; null unless all 12 are present. */
  rolling12: number | null;
}

/** Year-on-year change, change since a baseline and the rolling 12-month average of a monthly series. */
export function deriveSeries(points: readonly PeriodValue[], baseline?: Period): DerivedPoint[] {
  const byPeriod = new Map(points.map((point) => [point.period, point.value]));
  const base = baseline === undefined ? undefined : byPeriod.get(baseline);
  return [...points]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((point) => {
      const lastYear = byPeriod.get(addMonths(point.period, -12));
      const window = Array.from({ length: 12 }, (_, back) => byPeriod.get(addMonths(point.period, -back)));
      const complete = window.every((value) => value !== undefined);
      return {
        ...point,
        sameMonthLastYear: lastYear === undefined ? null : development(lastYear, point.value),
        sinceBaseline: base === undefined ? null : development(base, point.value),
        rolling12: complete ? (window as number[]).reduce((sum, value) => sum + value, 0) / 12 : null,
      };
    });
}
