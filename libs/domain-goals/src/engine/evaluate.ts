import { MUNICIPALITY_COUNT, nationalCoverageSuffices } from '@pejling/domain-indicators';
import { Comparator } from './comparator';
import { addMonths, comparePeriods, monthsBetween, Period } from '@pejling/domain-kernel';
import { EngineState, GoalReading, GoalRule, GoalSpec } from './rules';
import { project, robustTrend } from './trend';

export type EngineReason =
  | 'not_applicable'
  | 'applicability_unknown'
  | 'stale'
  | 'no_value'
  | 'no_benchmark'
  /** The national figure is an average of too few municipalities (and not the country's own). */
  | 'national_incomplete'
  | 'no_rank'
  | 'no_baseline'
  | 'cohort_not_mature'
  | 'compared'
  | 'on_pace'
  | 'off_pace'
  | 'deadline_passed'
  | 'trend_crosses_target';

export interface EngineResult {
  state: EngineState;
  reason: EngineReason;
  /** The quantity judged (value, value − benchmark, rank, change or running total)… */
  measured: number | null;
  /** …and what it was held against (target, offset, max rank, required change or pace). */
  required: number | null;
  /** measured − required, in the rule's unit. */
  gap: number | null;
  benchmark?: number;
  projection?: { period: Period; value: number };
}

export interface EvaluationContext {
  /** The latest period the data could cover now; cohorts mature against it. */
  asOf: Period;
  /** The newest period the source's publication calendar says should exist; older readings are stale. */
  latestDue?: Period;
  /** Minimum points for a trend projection (default 4). */
  trendPoints?: number;
  /**
   * Municipalities a computed national average must cover before a goal is judged against it
   * (default all 98); the country's official figure always suffices.
   */
  nationalCoverageMin?: number;
}

export function holds(left: number, comparator: Comparator, right: number): boolean {
  switch (comparator) {
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
  }
}

const result = (
  state: EngineState,
  reason: EngineReason,
  measured: number | null = null,
  required: number | null = null,
  extra: Partial<EngineResult> = {},
): EngineResult => ({
  state,
  reason,
  measured,
  required,
  gap: measured !== null && required !== null ? measured - required : null,
  ...extra,
});

/** Judges one goal on one reading. Pure: the same spec, reading and context always give the same result. */
export function evaluateRule(spec: GoalSpec, reading: GoalReading, context: EvaluationContext): EngineResult {
  if (spec.precision !== undefined) return evaluateRule({ ...spec, precision: undefined }, roundReading(reading, spec.precision), context);
  if (spec.applicability) {
    const benchmark = reading.actualVsExpected;
    if (!benchmark) return result('no_data', 'applicability_unknown');
    if (!(benchmark.actual > benchmark.expected)) return result('not_applicable', 'not_applicable', benchmark.actual, benchmark.expected);
  }
  if (context.latestDue && comparePeriods(reading.period, context.latestDue) < 0 && spec.rule.kind !== 'cohort') {
    return result('stale', 'stale');
  }
  if (reading.value === null || reading.value === undefined) return result('no_data', 'no_value');
  const judged = judge(spec.rule, reading, reading.value, context);
  return judged.state === 'met' ? withTrend(spec, reading, judged, context) : judged;
}

function judge(rule: GoalRule, reading: GoalReading, value: number, context: EvaluationContext): EngineResult {
  switch (rule.kind) {
    case 'threshold':
      return result(holds(value, rule.comparator, rule.target) ? 'met' : 'breached', 'compared', value, rule.target);
    case 'benchmark': {
      if (
        rule.benchmark === 'national' &&
        !nationalCoverageSuffices(reading.basis?.national, context.nationalCoverageMin ?? MUNICIPALITY_COUNT)
      ) {
        return result('no_data', 'national_incomplete');
      }
      const benchmark = reading.benchmarks?.[rule.benchmark];
      if (benchmark === null || benchmark === undefined) return result('no_data', 'no_benchmark');
      // Rounded far below any printed precision, so 2,3 − 3,0 is −0,7 and not −0.7000000000000002.
      const difference = roundTo(value - benchmark, 10);
      return result(holds(difference, rule.comparator, rule.offsetPp) ? 'met' : 'breached', 'compared', difference, rule.offsetPp, {
        benchmark,
      });
    }
    case 'rank': {
      const rank = reading.rank?.[rule.within];
      if (rank === null || rank === undefined) return result('no_data', 'no_rank');
      return result(rank <= rule.maxRank ? 'met' : 'breached', 'compared', rank, rule.maxRank);
    }
    case 'change_by_deadline':
      return judgeChange(rule, reading, value);
    case 'cumulative_by_deadline':
      return judgeCumulative(rule, reading);
    case 'cohort': {
      const maturesAt = addMonths(reading.period, rule.maturityMonths);
      if (comparePeriods(context.asOf, maturesAt) < 0) return result('pending', 'cohort_not_mature', value, rule.target);
      return result(holds(value, rule.comparator, rule.target) ? 'met' : 'breached', 'compared', value, rule.target);
    }
  }
}

/** Before the deadline a change goal is met while on pace (the required change pro rata), at risk when behind. */
function judgeChange(rule: Extract<GoalRule, { kind: 'change_by_deadline' }>, reading: GoalReading, value: number): EngineResult {
  const baseline = reading.baselineValue;
  if (baseline === null || baseline === undefined) return result('no_data', 'no_baseline');
  const change = value - baseline;
  if (holds(change, rule.comparator, rule.change)) return result('met', 'compared', change, rule.change);
  if (comparePeriods(reading.period, rule.deadline) >= 0) return result('breached', 'deadline_passed', change, rule.change);
  const share =
    Math.max(0, monthsBetween(rule.baselinePeriod, reading.period)) / Math.max(1, monthsBetween(rule.baselinePeriod, rule.deadline));
  const pace = rule.change * share;
  return result(
    holds(change, rule.comparator, pace) ? 'met' : 'at_risk',
    holds(change, rule.comparator, pace) ? 'on_pace' : 'off_pace',
    change,
    pace,
  );
}

function judgeCumulative(rule: Extract<GoalRule, { kind: 'cumulative_by_deadline' }>, reading: GoalReading): EngineResult {
  const total = reading.cumulative;
  if (total === null || total === undefined) return result('no_data', 'no_value');
  if (total >= rule.target) return result('met', 'compared', total, rule.target);
  if (comparePeriods(reading.period, rule.deadline) >= 0) return result('breached', 'deadline_passed', total, rule.target);
  const months = monthsBetween(rule.from, rule.deadline) + 1;
  const elapsed = monthsBetween(rule.from, reading.period) + 1;
  const pace = (rule.target * Math.max(0, elapsed)) / months;
  return result(total >= pace ? 'met' : 'at_risk', total >= pace ? 'on_pace' : 'off_pace', total, pace);
}

/** A met threshold or benchmark goal whose robust trend crosses the boundary before the horizon is at risk. */
function withTrend(spec: GoalSpec, reading: GoalReading, judged: EngineResult, context: EvaluationContext): EngineResult {
  const rule = spec.rule;
  if (!spec.horizon || (rule.kind !== 'threshold' && rule.kind !== 'benchmark')) return judged;
  if (comparePeriods(spec.horizon, reading.period) <= 0) return judged;
  const points = (reading.history ?? []).filter((point) => comparePeriods(point.period, reading.period) < 0);
  const trend = robustTrend([...points, { period: reading.period, value: reading.value as number }], context.trendPoints ?? 4);
  if (!trend) return judged;
  const projected = project(trend, spec.horizon);
  const stillMet =
    rule.kind === 'threshold'
      ? holds(projected, rule.comparator, rule.target)
      : holds(projected - (judged.benchmark as number), rule.comparator, rule.offsetPp);
  return stillMet
    ? { ...judged, projection: { period: spec.horizon, value: projected } }
    : { ...judged, state: 'at_risk', reason: 'trend_crosses_target', projection: { period: spec.horizon, value: projected } };
}

/** Rounds the figures a rule compares to the plan's printed precision (half away from zero). */
function roundReading(reading: GoalReading, decimals: number): GoalReading {
  const round = (value: number | null | undefined) => (value === null || value === undefined ? value : roundTo(value, decimals));
  return {
    ...reading,
    value: round(reading.value) ?? null,
    benchmarks: reading.benchmarks && { national: round(reading.benchmarks.national), cluster: round(reading.benchmarks.cluster) },
    baselineValue: round(reading.baselineValue),
  };
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
}
