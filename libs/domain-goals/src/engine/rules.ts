import { ClusterBasis, NationalBasis } from '@pejling/domain-indicators';
import { Comparator } from './comparator';
import { Period } from '@pejling/domain-kernel';

/**
 * Every goal kind the real plans use (see shared/domain/goal-catalog.md, section c). A rule says
 * what "met" means; the reading supplies the figures it is judged on.
 */
export type GoalRule =
  /** ABS: the value against a fixed target, e.g. ≥ 85 % or ≤ 1,8 %. */
  | { kind: 'threshold'; comparator: Comparator; target: number }
  /**
   * NAT, CLUSTER, NAT-OFFSET: (value − benchmark) compared with an offset in percentage points.
   * "Below the cluster average" is `lt 0`; "at least 0,2 pp below the national average" is
   * `lte -0.2`; "at least on level with the national" is `gte 0`; "gap below 0,5" is `lt 0.5`.
   */
  | { kind: 'benchmark'; benchmark: 'national' | 'cluster'; comparator: Comparator; offsetPp: number }
  /** RANK: e.g. best in the cluster is rank ≤ 1 within the cluster. */
  | { kind: 'rank'; within: 'cluster' | 'country'; maxRank: number }
  /** BASELINE: value(deadline) − value(baseline) compared with a change, e.g. −250 full-time persons by 2023-12. */
  | { kind: 'change_by_deadline'; baselinePeriod: Period; comparator: Comparator; change: number; deadline: Period }
  /** COUNT: a running total from `from` that must reach `target` by the deadline, e.g. 450 companies by 2022-12. */
  | { kind: 'cumulative_by_deadline'; from: Period; target: number; deadline: Period }
  /**
   * Cohort goals ("≥ 85 % of new claimants get 3 meetings in their first 3 months"): a monthly
   * cohort is only judged once it has matured; before that it is pending, never breached.
   */
  | { kind: 'cohort'; comparator: Comparator; target: number; maturityMonths: number };

/** The STAR focus goals apply only where the benchmark says actual > expected. */
export interface Applicability {
  kind: 'actual_above_expected';
}

export type EngineState = 'met' | 'at_risk' | 'breached' | 'no_data' | 'stale' | 'not_applicable' | 'pending';

export interface TrendPoint {
  period: Period;
  value: number;
}

/** The figures one evaluation is judged on; each rule kind reads what it needs. */
export interface GoalReading {
  /** The period being evaluated (for cohorts: the cohort's start month). */
  period: Period;
  value: number | null;
  benchmarks?: { national?: number | null; cluster?: number | null };
  /** What the benchmarks are: official or computed national figure with its coverage, the cluster's source and coverage. */
  basis?: { national?: NationalBasis | null; cluster?: ClusterBasis | null };
  rank?: { cluster?: number | null; country?: number | null };
  /** Value at the rule's baseline period (change_by_deadline). */
  baselineValue?: number | null;
  /** Running total since the rule's `from` period, up to and including `period` (cumulative_by_deadline). */
  cumulative?: number | null;
  /** Earlier values of the same indicator, oldest first, for trends (the current period may be included). */
  history?: readonly TrendPoint[];
  /** Benchmark actual vs expected (e.g. full-time persons on public support) for conditional goals. */
  actualVsExpected?: { actual: number; expected: number } | null;
}

export interface GoalSpec {
  rule: GoalRule;
  direction: 'lower_is_better' | 'higher_is_better';
  applicability?: Applicability;
  /** Deadline used for trend projections of non-deadline rules (e.g. the plan year's last month). */
  horizon?: Period;
  /**
   * Decimals the comparison is made at. Plans print shares with one decimal and several goals sit
   * exactly on their boundary (Frederikssund 5a, 7b), so a goal can be judged on the printed figures.
   */
  precision?: number;
}
