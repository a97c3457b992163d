import { formatNumberDa, formatNumberEn } from './format';
import { formatPeriodDa, formatPeriodEn, Period } from './period';
import { subjectPhrase } from './engine/subject';

export type Comparator = 'lt' | 'lte' | 'gt' | 'gte';
export type GoalState = 'met' | 'breached' | 'no_data';
export type Transition = 'breach' | 'recovery';

/** An absolute threshold on an indicator; more goal kinds join this union as `kind`s. */
export interface ThresholdRule {
  kind: 'threshold';
  comparator: Comparator;
  target: number;
}

const HOLDS: Record<Comparator, (value: number, target: number) => boolean> = {
  lt: (value, target) => value < target,
  lte: (value, target) => value <= target,
  gt: (value, target) => value > target,
  gte: (value, target) => value >= target,
};

export const COMPARATOR_SYMBOL: Record<Comparator, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** Met or breached, and the signed gap value − target in the indicator's unit. */
export function evaluateThreshold(rule: ThresholdRule, value: number): { state: 'met' | 'breached'; gap: number } {
  return { state: HOLDS[rule.comparator](value, rule.target) ? 'met' : 'breached', gap: value - rule.target };
}

/** A goal alerts when it starts to be breached and when it recovers, never twice for the same state. */
export function transitionBetween(previous: GoalState | undefined, next: GoalState): Transition | null {
  if (next === 'breached' && previous !== 'breached') return 'breach';
  if (next === 'met' && previous === 'breached') return 'recovery';
  return null;
}

export interface ThresholdExplanationInput {
  indicatorLabelDa: string;
  indicatorLabelEn: string;
  period: Period;
  value: number;
  rule: ThresholdRule;
  state: 'met' | 'breached';
  gap: number;
}

/**
 * The sentence an analyst would write, in Danish and English, with one decimal as the plans print
 * figures. The gap is stated against the target in percentage points.
 */
export function explainThreshold(input: ThresholdExplanationInput): { da: string; en: string } {
  const { rule, state, gap } = input;
  const symbol = COMPARATOR_SYMBOL[rule.comparator];
  const gapDa = formatNumberDa(Math.abs(gap), 1);
  const gapEn = formatNumberEn(Math.abs(gap), 1);
  const side = gap > 0 ? ['over', 'above'] : gap < 0 ? ['under', 'below'] : ['på', 'at'];
  const gapTextDa = gap === 0 ? 'præcis på målet' : `${gapDa} pct.-point ${side[0]} målet`;
  const gapTextEn = gap === 0 ? 'exactly at the target' : `${gapEn} percentage points ${side[1]} the target`;
  const da =
    `${subjectPhrase('da', { indicatorDa: input.indicatorLabelDa, indicatorEn: input.indicatorLabelEn, unit: 'percent' })} var ${formatNumberDa(input.value, 1)} % i ${formatPeriodDa(input.period)} ` +
    `mod målet ${symbol} ${formatNumberDa(rule.target, 1)} %: ${gapTextDa}. ` +
    (state === 'met' ? 'Målet er opfyldt.' : 'Målet er ikke opfyldt.');
  const en =
    `${subjectPhrase('en', { indicatorDa: input.indicatorLabelDa, indicatorEn: input.indicatorLabelEn, unit: 'percent' })} was ${formatNumberEn(input.value, 1)} % in ${formatPeriodEn(input.period)} ` +
    `against the target ${symbol} ${formatNumberEn(rule.target, 1)} %: ${gapTextEn}. ` +
    (state === 'met' ? 'The goal is met.' : 'The goal is not met.');
  return { da, en };
}
