import { clusterCoverage, isNationalComplete, nationalIncompleteSentence } from '@pejling/domain-indicators';
import { COMPARATOR_SYMBOL } from './comparator';
import { formatNumberDa, formatNumberEn, formatPeriodDa, formatPeriodEn } from '@pejling/domain-kernel';
import { EngineResult } from './evaluate';
import { GoalReading, GoalSpec } from './rules';
import { SubjectLabels, subjectPhrase } from './subject';

/** `unit` says how values are printed (percentages with one decimal, counts without) and, with `subject`, what the sentence is about. */
export type ExplanationLabels = SubjectLabels;

/** The labels an explanation needs, from a catalogue or derived indicator definition. */
export function explanationLabels(definition: {
  labelDa: string;
  labelEn: string;
  unit: ExplanationLabels['unit'];
  subjectDa?: string;
  subjectEn?: string;
}): ExplanationLabels {
  const { labelDa, labelEn, unit, subjectDa, subjectEn } = definition;
  return { indicatorDa: labelDa, indicatorEn: labelEn, unit, ...(subjectDa && subjectEn ? { subjectDa, subjectEn } : {}) };
}

type Lang = 'da' | 'en';

const STATE_SENTENCE: Record<Lang, Record<string, string>> = {
  da: { met: 'Målet er opfyldt.', at_risk: 'Målet er i risiko for ikke at blive nået.', breached: 'Målet er ikke opfyldt.' },
  en: { met: 'The goal is met.', at_risk: 'The goal is at risk of being missed.', breached: 'The goal is not met.' },
};

/** An analyst's sentence for every result, in Danish (Danish number format) and English. */
export function explainResult(
  spec: GoalSpec,
  reading: GoalReading,
  outcome: EngineResult,
  labels: ExplanationLabels,
): { da: string; en: string } {
  return { da: sentence('da', spec, reading, outcome, labels), en: sentence('en', spec, reading, outcome, labels) };
}

function sentence(lang: Lang, spec: GoalSpec, reading: GoalReading, outcome: EngineResult, labels: ExplanationLabels): string {
  const da = lang === 'da';
  const num = (value: number, decimals = labels.unit === 'count' ? 0 : 1) =>
    da ? formatNumberDa(value, decimals) : formatNumberEn(value, decimals);
  const points = (text: string) => (da ? `${text} pct.-point` : `${text} percentage points`);
  const pct = (value: number) => (labels.unit === 'percent' ? `${num(value)} %` : labels.unit === 'pp' ? points(num(value)) : num(value));
  const pp = (value: number) => points(num(Math.abs(value), 1));
  const month = da ? formatPeriodDa(reading.period) : formatPeriodEn(reading.period);
  const indicator = da ? labels.indicatorDa : labels.indicatorEn;
  const subject = subjectPhrase(lang, labels);
  const apart = (value: number) => (labels.unit === 'count' ? num(Math.abs(value)) : pp(value));
  const state = STATE_SENTENCE[lang][outcome.state] ?? '';
  const rule = spec.rule;

  switch (outcome.reason) {
    case 'not_applicable':
      return da
        ? `Målet gælder ikke: den faktiske værdi (${num(outcome.measured as number, 0)}) er ikke over den forventede (${num(outcome.required as number, 0)}).`
        : `The goal does not apply: the actual level (${num(outcome.measured as number, 0)}) is not above the expected (${num(outcome.required as number, 0)}).`;
    case 'applicability_unknown':
      return da
        ? 'Der mangler benchmark (faktisk mod forventet) for at afgøre, om målet gælder.'
        : 'The benchmark (actual vs expected) needed to decide whether the goal applies is missing.';
    case 'stale':
      return da
        ? `Seneste tal er fra ${month}; nyere tal skulle være offentliggjort.`
        : `The latest figure is for ${month}; newer figures should have been published.`;
    case 'no_value':
      return da ? `Der er ingen tal for ${indicator} i ${month}.` : `There are no figures for ${indicator} in ${month}.`;
    case 'no_benchmark':
      return da ? `Der mangler et sammenligningsgrundlag for ${month}.` : `The benchmark for ${month} is missing.`;
    case 'national_incomplete':
      return reading.basis?.national
        ? nationalIncompleteSentence(reading.basis.national, lang)
        : da
          ? 'Landsgennemsnittet kan ikke beregnes.'
          : 'The national average cannot be computed.';
    case 'no_rank':
      return da ? `Der mangler en placering for ${month}.` : `The rank for ${month} is missing.`;
    case 'no_baseline':
      return da ? 'Der mangler tal for basisperioden.' : 'The baseline figure is missing.';
    case 'cohort_not_mature':
      return da
        ? `Kohorten fra ${month} er endnu ikke afsluttet; foreløbig ${pct(reading.value as number)}. Målet afgøres, når kohorten er moden.`
        : `The ${month} cohort has not matured yet; ${pct(reading.value as number)} so far. It is judged once it matures.`;
    // A judged result: its sentence follows from the rule, below.
    case 'compared':
    case 'on_pace':
    case 'off_pace':
    case 'trend_crosses_target':
    case 'deadline_passed':
      break;
  }

  switch (rule.kind) {
    case 'benchmark': {
      const name = benchmarkName(lang, rule.benchmark, reading);
      const difference = outcome.measured as number;
      const side =
        difference > 0 ? (da ? 'over' : 'above') : difference < 0 ? (da ? 'under' : 'below') : da ? 'på niveau med' : 'level with';
      const base = da
        ? `${subject} var ${pct(reading.value as number)} i ${month} mod ${name} ${pct(outcome.benchmark as number)}: ${difference === 0 ? 'på niveau' : `${apart(difference)} ${side}`}.`
        : `${subject} was ${pct(reading.value as number)} in ${month} against ${name} ${pct(outcome.benchmark as number)}: ${difference === 0 ? 'level' : `${apart(difference)} ${side}`}.`;
      return `${base}${trendClause(lang, outcome, pct)} ${state}`;
    }
    case 'rank':
      return da
        ? `${indicator}: placering ${num(outcome.measured as number, 0)} i ${month}; målet er plads ${num(rule.maxRank, 0)} eller bedre. ${state}`
        : `${indicator}: rank ${num(outcome.measured as number, 0)} in ${month}; the goal is rank ${num(rule.maxRank, 0)} or better. ${state}`;
    case 'change_by_deadline': {
      const deadline = da ? formatPeriodDa(rule.deadline) : formatPeriodEn(rule.deadline);
      const change = outcome.measured as number;
      const pace =
        outcome.reason === 'on_pace' || outcome.reason === 'off_pace'
          ? da
            ? ` (tempo-krav nu: ${num(outcome.required as number)})`
            : ` (required by now: ${num(outcome.required as number)})`
          : '';
      return da
        ? `${indicator} har ændret sig med ${num(change)} siden basisperioden; målet er ${COMPARATOR_SYMBOL[rule.comparator]} ${num(rule.change)} senest ${deadline}${pace}. ${state}`
        : `${indicator} has changed by ${num(change)} since the baseline; the goal is ${COMPARATOR_SYMBOL[rule.comparator]} ${num(rule.change)} by ${deadline}${pace}. ${state}`;
    }
    case 'cumulative_by_deadline': {
      const deadline = da ? formatPeriodDa(rule.deadline) : formatPeriodEn(rule.deadline);
      const pace =
        outcome.reason === 'on_pace' || outcome.reason === 'off_pace'
          ? da
            ? ` (tempo-krav nu: ${num(outcome.required as number)})`
            : ` (required by now: ${num(outcome.required as number)})`
          : '';
      return da
        ? `${indicator}: ${num(outcome.measured as number)} i alt til og med ${month} mod målet ${num(rule.target)} senest ${deadline}${pace}. ${state}`
        : `${indicator}: ${num(outcome.measured as number)} in total up to ${month} against the goal of ${num(rule.target)} by ${deadline}${pace}. ${state}`;
    }
    case 'threshold':
    case 'cohort': {
      const gap = outcome.gap as number;
      const side = gap > 0 ? (da ? 'over' : 'above') : da ? 'under' : 'below';
      const distance =
        gap === 0 ? (da ? 'præcis på målet' : 'exactly at the target') : `${apart(gap)} ${side} ${da ? 'målet' : 'the target'}`;
      const what = rule.kind === 'cohort' ? (da ? `Kohorten fra ${month}` : `The ${month} cohort`) : subject;
      const base = da
        ? `${what} var ${pct(reading.value as number)}${rule.kind === 'cohort' ? '' : ` i ${month}`} mod målet ${COMPARATOR_SYMBOL[rule.comparator]} ${pct(rule.target)}: ${distance}.`
        : `${what} was ${pct(reading.value as number)}${rule.kind === 'cohort' ? '' : ` in ${month}`} against the target ${COMPARATOR_SYMBOL[rule.comparator]} ${pct(rule.target)}: ${distance}.`;
      return `${base}${trendClause(lang, outcome, pct)} ${state}`;
    }
  }
}

/** What the benchmark is called in a sentence, followed by its value: "national" only when it is. */
function benchmarkName(lang: Lang, benchmark: 'national' | 'cluster', reading: GoalReading): string {
  const da = lang === 'da';
  if (benchmark === 'cluster')
    return da
      ? `klyngens gennemsnit${clusterCoverage(reading.basis?.cluster, lang)} på`
      : `the cluster average${clusterCoverage(reading.basis?.cluster, lang)} of`;
  const basis = reading.basis?.national;
  if (!basis || isNationalComplete(basis)) return da ? 'landsgennemsnittet på' : 'the national average of';
  return da
    ? `gennemsnittet af ${basis.municipalities} af ${basis.of} kommuner på`
    : `the average of ${basis.municipalities} of ${basis.of} municipalities,`;
}

function trendClause(lang: Lang, outcome: EngineResult, pct: (value: number) => string): string {
  if (outcome.reason !== 'trend_crosses_target' || !outcome.projection) return '';
  const when = lang === 'da' ? formatPeriodDa(outcome.projection.period) : formatPeriodEn(outcome.projection.period);
  return lang === 'da'
    ? ` Udviklingen peger på ${pct(outcome.projection.value)} i ${when}, hvilket ikke opfylder målet.`
    : ` The trend points to ${pct(outcome.projection.value)} in ${when}, which misses the target.`;
}
