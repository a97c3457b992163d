// Shared by the goal engine (trends) and the data-quality checks (robust statistics).
export function median(values: readonly number[]): number {
  // A typed array sorts numerically without a comparator call per pair (the jump check runs it per figure).
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
