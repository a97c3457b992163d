import { changeDrivers, describeRule, GoalRule } from '@pejling/domain-goals';
import { addMonths, findSeries, periodEndMonth } from '@pejling/domain-kernel';
import type { Plan } from '@pejling/domain-goals';
import { monthsOf, previousReportPeriod, ReportPeriod, reportPeriodLabel } from './report-period';

/** One judgement of a goal as the goals service reports it (only the one that stands for its period). */
export interface ReportEvaluation {
  period: string;
  value: number | null;
  required: number | null;
  state: string;
  national: number | null;
  cluster: number | null;
  explanation: { da: string; en: string } | null;
  /** Full-time persons per benefit type, for benefit-group indicators. */
  parts: Record<string, number> | null;
  /** What the national average covers: the official figure, or the mean of `municipalities` of `of` (absent when unknown). */
  nationalBasis?: { official: boolean; municipalities: number; of: number } | null;
}

/** An acknowledgement or follow-up note written by the goal's owners (the author is left out on purpose). */
export interface ReportNote {
  at: string;
  /** The period the alert was about; a note belongs to the report of that period. */
  period: string | null;
  text: string;
}

export interface ReportGoalInput {
  goalId: string;
  planGoalId: string;
  unit: 'percent' | 'count';
  rule: GoalRule | null;
  evaluations: ReportEvaluation[];
  notes: ReportNote[];
}

/** A revision or a quality flag on a figure the plan's goals depend on. */
export interface ReportDataNote {
  kind: 'revision' | 'quality';
  period: string;
  text: string;
}

export interface ReportInput {
  plan: Plan;
  period: ReportPeriod;
  lang: 'da' | 'en';
  goals: ReportGoalInput[];
  dataNotes: ReportDataNote[];
  /** The analyst's words per focus area id. */
  commentary: Record<string, string>;
}

export interface ReportChartPoint {
  period: string;
  value: number | null;
  target: number | null;
  cluster: number | null;
  national: number | null;
  /** Inside the report period (the rest is the year before, for context). */
  inPeriod: boolean;
}

export interface ReportGoal {
  planGoalId: string;
  goalId: string | null;
  text: string;
  ruleInWords: string;
  unit: 'percent' | 'count';
  /** The state at the end of the report period, and the period it was judged for. */
  state: string;
  statePeriod: string | null;
  value: number | null;
  required: number | null;
  cluster: number | null;
  national: number | null;
  explanation: string | null;
  chart: ReportChartPoint[];
  drivers: { label: string; value: number; change: number | null }[];
  notes: ReportNote[];
  /** Months of the report period without a judgement. */
  missingMonths: string[];
  /** Set when the standing "national average" is the mean of only some municipalities, so the report says so. */
  partialNational: { municipalities: number; of: number } | null;
}

export interface ReportModel {
  planId: string;
  title: string;
  municipality: string;
  committee: string;
  period: ReportPeriod;
  periodLabel: string;
  previousLabel: string | null;
  counts: Record<string, number>;
  focusAreas: { id: string; title: string; commentary: string; goals: ReportGoal[] }[];
  /** Goals whose state differs from the end of the previous report period. */
  changes: { planGoalId: string; text: string; from: string; to: string }[];
  notEncoded: { id: string; reason: string }[];
  dataNotes: ReportDataNote[];
}

export const REPORT_STATES = ['breached', 'at_risk', 'met', 'stale', 'no_data', 'not_applicable', 'pending'] as const;

/**
 * The committee's status report of one plan and period, from the goals' judgements: every goal as
 * printed in the plan with its state at the period's end, the figures against target and averages,
 * the explanation, the drivers by benefit type, the owners' notes and what changed since the last
 * report. Pure: the console gathers the inputs from the services' APIs and renders the result.
 */
export function buildReport(input: ReportInput): ReportModel {
  const { plan, period, lang } = input;
  const previous = previousReportPeriod(period, plan.reporting.months);
  const byPlanGoal = new Map(input.goals.map((goal) => [goal.planGoalId, goal]));
  const counts: Record<string, number> = Object.fromEntries(REPORT_STATES.map((state) => [state, 0]));
  const changes: ReportModel['changes'] = [];
  const focusAreas = plan.focusAreas.map((area) => ({
    id: area.id,
    title: area.title,
    commentary: input.commentary[area.id]?.trim() ?? '',
    goals: area.goals.map((planGoal) => {
      const goal = byPlanGoal.get(planGoal.id);
      const section = reportGoal(planGoal.id, planGoal.text, goal, period, lang);
      counts[section.state] = (counts[section.state] ?? 0) + 1;
      if (previous) {
        const before = standingAt(goal?.evaluations ?? [], previous.to)?.state ?? 'no_data';
        if (before !== section.state) changes.push({ planGoalId: planGoal.id, text: planGoal.text, from: before, to: section.state });
      }
      return section;
    }),
  }));
  return {
    planId: plan.id,
    title: plan.title,
    municipality: plan.municipality,
    committee: plan.source.committee,
    period,
    periodLabel: reportPeriodLabel(period, lang),
    previousLabel: previous ? reportPeriodLabel(previous, lang) : null,
    counts,
    focusAreas,
    changes,
    notEncoded: plan.notEncoded,
    dataNotes: [...input.dataNotes].sort((a, b) => a.period.localeCompare(b.period) || a.text.localeCompare(b.text)),
  };
}

/** The judgement that stands at the end of `month`: the latest one for a period ending by then. */
function standingAt(evaluations: readonly ReportEvaluation[], month: string): ReportEvaluation | undefined {
  return [...evaluations]
    .filter((evaluation) => periodEndMonth(evaluation.period) <= month)
    .sort((a, b) => periodEndMonth(a.period).localeCompare(periodEndMonth(b.period)) || a.period.localeCompare(b.period))
    .pop();
}

function reportGoal(
  planGoalId: string,
  text: string,
  goal: ReportGoalInput | undefined,
  period: ReportPeriod,
  lang: 'da' | 'en',
): ReportGoal {
  const evaluations = goal?.evaluations ?? [];
  const standing = standingAt(evaluations, period.to);
  const unit = goal?.unit ?? 'percent';
  const chartFrom = addMonths(period.from, -12);
  const rule = goal?.rule ?? null;
  const chart = evaluations
    .filter((evaluation) => periodEndMonth(evaluation.period) >= chartFrom && periodEndMonth(evaluation.period) <= period.to)
    .sort((a, b) => periodEndMonth(a.period).localeCompare(periodEndMonth(b.period)))
    .map((evaluation) => ({
      period: evaluation.period,
      value: evaluation.value,
      // A benchmark without an offset is held against the average itself, drawn once (as the average).
      target: rule?.kind === 'benchmark' && rule.offsetPp === 0 ? null : targetOf(rule, evaluation),
      cluster: evaluation.cluster,
      national: evaluation.national,
      inPeriod: periodEndMonth(evaluation.period) >= period.from,
    }));
  const judged = new Set(evaluations.map((evaluation) => periodEndMonth(evaluation.period)));
  // A quarterly or yearly goal is judged once per its period: only months of a monthly goal can be "missing".
  const monthly = evaluations.length === 0 || evaluations.every((evaluation) => /^\d{4}-\d{2}$/.test(evaluation.period));
  const missingMonths = monthly ? monthsOf(period).filter((month) => !judged.has(month)) : [];
  return {
    planGoalId,
    goalId: goal?.goalId ?? null,
    text,
    ruleInWords: goal?.rule ? describeRule(goal.rule, lang, unit) : '',
    unit,
    state: standing?.state ?? 'no_data',
    statePeriod: standing?.period ?? null,
    value: standing?.value ?? null,
    required: standing ? targetOf(rule, standing) : null,
    cluster: standing?.cluster ?? null,
    national: standing?.national ?? null,
    explanation: standing?.explanation ? standing.explanation[lang] : null,
    chart,
    drivers: driversOver(evaluations, period, lang),
    notes: (goal?.notes ?? [])
      .filter((note) => inPeriod(note.period ? periodEndMonth(note.period) : note.at.slice(0, 7), period))
      .sort((a, b) => a.at.localeCompare(b.at)),
    missingMonths,
    partialNational: partialNational(standing),
  };
}

function partialNational(standing: ReportEvaluation | undefined): ReportGoal['partialNational'] {
  const basis = standing?.national === null ? null : standing?.nationalBasis;
  if (!basis || basis.official || basis.municipalities >= basis.of) return null;
  return { municipalities: basis.municipalities, of: basis.of };
}

/**
 * The value the goal's figure is held against, in the figure's unit: a benchmark goal's is the
 * average plus its offset (the engine's `required` is the offset there); a rank has none to print.
 */
function targetOf(rule: GoalRule | null, evaluation: ReportEvaluation): number | null {
  if (rule?.kind === 'benchmark') {
    const average = rule.benchmark === 'cluster' ? evaluation.cluster : evaluation.national;
    return average === null ? null : average + rule.offsetPp;
  }
  if (rule?.kind === 'rank') return null;
  return evaluation.required;
}

function inPeriod(month: string, period: ReportPeriod): boolean {
  return month >= period.from && month <= period.to;
}

/** Each benefit type's full-time persons at the period's end and their change over the period (from the month before it). */
function driversOver(evaluations: readonly ReportEvaluation[], period: ReportPeriod, lang: 'da' | 'en'): ReportGoal['drivers'] {
  const latest = standingAt(evaluations, period.to)?.parts;
  if (!latest || Object.keys(latest).length < 2) return [];
  // From the month before the period, or else from the period's first judgement.
  const first = [...evaluations]
    .filter((evaluation) => periodEndMonth(evaluation.period) >= period.from)
    .sort((a, b) => periodEndMonth(a.period).localeCompare(periodEndMonth(b.period)))[0];
  const before =
    standingAt(evaluations, addMonths(period.from, -1)) ?? (first && first !== standingAt(evaluations, period.to) ? first : undefined);
  const start = before?.parts ?? undefined;
  const changes = new Map(changeDrivers(start, latest, Object.keys(latest).length).map((driver) => [driver.series, driver.change]));
  return Object.entries(latest)
    .map(([series, value]) => ({
      label: (lang === 'da' ? findSeries(series)?.labelDa : findSeries(series)?.labelEn) ?? series,
      value,
      change: start ? (changes.get(series) ?? 0) : null,
    }))
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) || b.value - a.value);
}
