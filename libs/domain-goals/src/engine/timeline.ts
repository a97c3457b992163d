import { ClusterBasis, NationalBasis } from '@pejling/domain-indicators';
import { comparePeriods, Period, periodEndMonth } from '@pejling/domain-kernel';
import { changeDrivers, explainDrivers } from './drivers';
import { EngineReason, EngineResult, EvaluationContext, evaluateRule } from './evaluate';
import { ExplanationLabels, explainResult } from './explain';
import { stabilize } from './hysteresis';
import { EngineState, GoalReading, GoalSpec } from './rules';
import { EngineTransition, engineTransition, isJudged } from './transitions';

/** The averages a period is judged against, with what they are (absent in readings stored before indicator.computed v4). */
export interface TimelineBenchmarks {
  national: number | null;
  cluster: number | null;
  nationalBasis?: NationalBasis | null;
  clusterBasis?: ClusterBasis | null;
}

/** One stored reading of the goal's indicator for its municipality. */
export interface TimelinePoint {
  period: Period;
  value: number;
  benchmarks: TimelineBenchmarks;
  /** 1 = lowest value; `countryOf`/`clusterOf` let a higher-is-better goal read it the other way round. */
  rank: { country: number | null; cluster: number | null; countryOf?: number; clusterOf?: number };
  /** Benefit-type counts behind a group indicator, to name what drove a change. */
  parts?: Record<string, number>;
}

/** The ministry's actual vs expected pair for a period (it decides whether conditional goals apply). */
export interface MinistryBenchmark {
  period: Period;
  actual: number;
  expected: number;
}

/** What judges a period: the goal version in force for it. */
export interface TimelineSpec {
  spec: GoalSpec;
  hysteresis: number;
}

/** A stored judgement of an earlier period, the context a partial re-judgement continues from. */
export interface PriorJudgement {
  period: Period;
  state: EngineState;
  rawState: EngineState;
}

export interface TimelineInput {
  points: readonly TimelinePoint[];
  specFor: (period: Period) => TimelineSpec;
  ministry?: readonly MinistryBenchmark[];
  labels: ExplanationLabels;
  context: EvaluationContext;
  /** The first period to judge (null: the whole timeline); earlier periods are taken from `prior`. */
  from: Period | null;
  /** The stored judgements of the periods before `from`. */
  prior?: readonly PriorJudgement[];
}

export interface TimelineEvaluation {
  period: Period;
  value: number;
  state: EngineState;
  rawState: EngineState;
  previousState: EngineState | null;
  reason: EngineReason;
  measured: number | null;
  required: number | null;
  gap: number | null;
  benchmarks: TimelineBenchmarks;
  projection: { period: Period; value: number } | null;
  explanation: { da: string; en: string };
  /** The change of judged state this period makes, relative to the last judged period before it. */
  transition: EngineTransition | null;
}

export interface TimelineTransition {
  period: Period;
  from: EngineState | null;
  to: EngineState;
  kind: EngineTransition;
}

export interface TimelineJudgement {
  evaluations: TimelineEvaluation[];
  transitions: TimelineTransition[];
  /** The last judged (met, at risk, breached) state of the whole timeline. */
  lastJudged: EngineState | null;
}

/**
 * Judges a goal's timeline in period order: every period with a reading from `from` on, with the
 * trend history, baseline, running total, applicability and hysteresis read along the timeline.
 * Pure: the same readings give the same judgements whatever order they arrived in, and judging
 * from `from` with the stored earlier judgements as `prior` equals judging the whole timeline.
 */
export function judgeTimeline(input: TimelineInput): TimelineJudgement {
  const points = [...input.points].sort((a, b) => comparePeriods(a.period, b.period));
  const prior = [...(input.prior ?? [])]
    .filter((judged) => input.from !== null && comparePeriods(judged.period, input.from) < 0)
    .sort((a, b) => comparePeriods(a.period, b.period));
  const raw: EngineState[] = prior.map((judged) => judged.rawState);
  let previous: EngineState | null = prior.at(-1)?.state ?? null;
  let lastJudged: EngineState | null = [...prior].reverse().find((judged) => isJudged(judged.state))?.state ?? null;
  const evaluations: TimelineEvaluation[] = [];
  const transitions: TimelineTransition[] = [];

  points.forEach((point, index) => {
    if (input.from !== null && comparePeriods(point.period, input.from) < 0) return;
    const { spec, hysteresis } = input.specFor(point.period);
    const reading = readingAt(points, index, spec, input.ministry ?? []);
    const outcome: EngineResult = evaluateRule(spec, reading, input.context);
    raw.push(outcome.state);
    const state = stabilize(previous ?? undefined, raw.slice(-Math.max(1, hysteresis)), hysteresis);
    const transition = engineTransition(lastJudged, state);
    if (transition) transitions.push({ period: point.period, from: lastJudged, to: state, kind: transition });
    evaluations.push({
      period: point.period,
      value: point.value,
      state,
      rawState: outcome.state,
      previousState: previous,
      reason: outcome.reason,
      measured: outcome.measured,
      required: outcome.required,
      gap: outcome.gap,
      benchmarks: point.benchmarks,
      projection: outcome.projection ?? null,
      explanation: explain(spec, reading, outcome, input.labels, points[index - 1]?.parts, point.parts),
      transition,
    });
    previous = state;
    if (isJudged(state)) lastJudged = state;
  });
  return { evaluations, transitions, lastJudged };
}

/** The figures the rule needs at one point of the timeline. */
function readingAt(points: readonly TimelinePoint[], index: number, spec: GoalSpec, ministry: readonly MinistryBenchmark[]): GoalReading {
  const point = points[index];
  const reading: GoalReading = {
    period: point.period,
    value: point.value,
    benchmarks: point.benchmarks,
    basis: { national: point.benchmarks.nationalBasis ?? null, cluster: point.benchmarks.clusterBasis ?? null },
    rank: rankFor(spec.direction, point.rank),
    history: points.slice(Math.max(0, index - 12), index).map(({ period, value }) => ({ period, value })),
  };
  const rule = spec.rule;
  if (spec.applicability?.kind === 'actual_above_expected') reading.actualVsExpected = ministryAt(ministry, point.period);
  if (rule.kind === 'change_by_deadline')
    reading.baselineValue = points.find((candidate) => candidate.period === rule.baselinePeriod)?.value ?? null;
  if (rule.kind === 'cumulative_by_deadline') {
    const counted = points.filter((candidate) => candidate.period >= rule.from && candidate.period <= point.period);
    reading.cumulative = counted.length === 0 ? null : counted.reduce((sum, candidate) => sum + candidate.value, 0);
  }
  return reading;
}

/** The newest ministry pair whose period ends no later than the period judged. */
function ministryAt(ministry: readonly MinistryBenchmark[], period: Period): { actual: number; expected: number } | null {
  const end = periodEndMonth(period);
  const candidates = ministry.filter((pair) => periodEndMonth(pair.period) <= end).sort((a, b) => comparePeriods(b.period, a.period));
  return candidates[0] ? { actual: candidates[0].actual, expected: candidates[0].expected } : null;
}

/** Ranks are published lowest value first; where higher is better, the best is the highest value. */
export function rankFor(direction: GoalSpec['direction'], rank: TimelinePoint['rank']): { country: number | null; cluster: number | null } {
  if (direction === 'lower_is_better') return { country: rank.country, cluster: rank.cluster };
  const flip = (position: number | null, of?: number) => (position === null || !of ? null : of + 1 - position);
  return { country: flip(rank.country, rank.countryOf), cluster: flip(rank.cluster, rank.clusterOf) };
}

function explain(
  spec: GoalSpec,
  reading: GoalReading,
  outcome: EngineResult,
  labels: ExplanationLabels,
  previousParts: Record<string, number> | undefined,
  parts: Record<string, number> | undefined,
) {
  const explanation = explainResult(spec, reading, outcome, labels);
  const drivers = explainDrivers(changeDrivers(previousParts, parts ?? {}));
  return drivers ? { da: `${explanation.da} ${drivers.da}`, en: `${explanation.en} ${drivers.en}` } : explanation;
}

/**
 * The first period a set of changed readings affects: each reading affects its own period on, and
 * a reading at a change goal's baseline period affects every period (earlier ones are measured
 * against it too). Null means the whole timeline.
 */
export function firstAffectedPeriod(changed: readonly Period[], baselinePeriods: readonly Period[]): Period | null {
  if (changed.length === 0) throw new Error('firstAffectedPeriod needs at least one changed period');
  if (changed.some((period) => baselinePeriods.includes(period))) return null;
  return [...changed].sort(comparePeriods)[0];
}

/** The earlier of two "from" bounds, where null (the whole timeline) is earliest of all. */
export function earlierFrom(a: Period | null | undefined, b: Period | null): Period | null {
  if (a === undefined) return b;
  if (a === null || b === null) return null;
  return comparePeriods(a, b) <= 0 ? a : b;
}
