import { median, monthIndex, Period } from '@pejling/domain-kernel';
import { TrendPoint } from './rules';

export interface Trend {
  /** Change per month. */
  slope: number;
  intercept: number;
  points: number;
}

/**
 * Theil–Sen estimator: the median of all pairwise slopes, so one outlier month does not tilt
 * the trend. Null with fewer than `minPoints` points.
 */
export function robustTrend(points: readonly TrendPoint[], minPoints = 4): Trend | null {
  if (points.length < minPoints) return null;
  const xs = points.map((point) => monthIndex(point.period));
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      if (xs[j] !== xs[i]) slopes.push((points[j].value - points[i].value) / (xs[j] - xs[i]));
    }
  }
  if (slopes.length === 0) return null;
  const slope = median(slopes);
  const intercept = median(points.map((point, i) => point.value - slope * xs[i]));
  return { slope, intercept, points: points.length };
}

export function project(trend: Trend, period: Period): number {
  return trend.intercept + trend.slope * monthIndex(period);
}
