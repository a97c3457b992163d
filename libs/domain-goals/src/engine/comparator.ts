/** How a goal's rule compares the measured value with its target. */
export type Comparator = 'lt' | 'lte' | 'gt' | 'gte';

/** The comparator as plans and messages print it. */
export const COMPARATOR_SYMBOL: Record<Comparator, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥' };
