import { median } from '@pejling/domain-kernel';

/** The median absolute deviation scaled by 1.4826, so it estimates the standard deviation of normal data while ignoring outliers. */
export function scaledMad(values: readonly number[]): number {
  const centre = median(values);
  return 1.4826 * median(values.map((value) => Math.abs(value - centre)));
}
