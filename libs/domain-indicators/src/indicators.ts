import { ALLE_YDELSER, findSeries, FLEKSJOB_MV, KONTANTHJAELP_MV, RESSOURCEFORLOEB_MV, SYGEDAGPENGE_MV } from '@pejling/domain-kernel';

export interface IndicatorDefinition {
  id: string;
  labelDa: string;
  labelEn: string;
  /** Series summed in the numerator (one for a benefit type, several for a Jobindsats benefit group). */
  numerator: readonly string[];
  denominator: string;
  unit: 'percent';
}

/** Percent for shares, percentage points for a change of a share, count for counts and their changes. */
export type IndicatorUnit = 'percent' | 'pp' | 'count';

/**
 * How a derived indicator is made from its base indicator's own stored values:
 * - `change-12m`: value(P) − value(the same period a year earlier), in percentage points for a share;
 * - `mean-12m`: the mean of the values of the 12 months (4 quarters) ending at P.
 */
export type Derivation = 'change-12m' | 'mean-12m';
export const DERIVATIONS: readonly Derivation[] = ['change-12m', 'mean-12m'];

export interface DerivedIndicatorDefinition {
  id: string;
  labelDa: string;
  labelEn: string;
  /** The definite form an explanation opens with: "Ændringen i andelen på sygedagpenge mv. over 12 måneder". */
  subjectDa: string;
  subjectEn: string;
  unit: IndicatorUnit;
  derivation: Derivation;
  /** The indicator it is derived from: a catalogue share or a plan-declared indicator. */
  base: string;
  baseUnit: 'percent' | 'count';
}

/** What a derived indicator needs to know of its base: a catalogue share, or a plan-declared share or count. */
export interface DerivationBase {
  id: string;
  labelDa: string;
  labelEn: string;
  unit: 'percent' | 'count';
  /** A catalogue share of the population ("andelen på …"), rather than a figure posted as it is. */
  share: boolean;
}

export interface ComputedIndicator {
  indicatorId: string;
  value: number;
  numerator: number;
  denominator: number;
  parts: Record<string, number>;
}

const POPULATION = 'befolkning-16-66';

const BENEFIT_TYPES = [
  'a-dagpenge',
  'kontanthjaelp',
  'uddannelseshjaelp',
  'selvforsoergelses-og-hjemrejseydelse',
  'overgangsydelse',
  'sygedagpenge',
  'jobafklaringsforloeb',
  'fleksjob',
  'ledighedsydelse',
  'ressourceforloeb',
  'revalidering',
  'forrevalidering',
  'foertidspension',
];

const share = (id: string, labelDa: string, labelEn: string, numerator: readonly string[]): IndicatorDefinition => ({
  id: `share.${id}`,
  labelDa,
  labelEn,
  numerator,
  denominator: POPULATION,
  unit: 'percent',
});

/**
 * Shares of the 16-66 population, in percent, per benefit type and per benefit group.
 * "Alle ydelser" is the sum of the rows of Frederiksberg's Bilag 1 "I alt": a-dagpenge, Sygedagpenge
 * mv., fleksjob + ledighedsydelse, Ressourceforløb mv., Kontanthjælp mv. and førtidspension (7.884 in July 2021).
 */
export const INDICATORS: readonly IndicatorDefinition[] = [
  ...BENEFIT_TYPES.map((series) => {
    const definition = findSeries(series);
    return share(series, definition?.labelDa ?? series, definition?.labelEn ?? series, [series]);
  }),
  share('sygedagpenge-mv', 'Sygedagpenge mv.', 'Sickness benefit etc.', SYGEDAGPENGE_MV),
  share('kontanthjaelp-mv', 'Kontanthjælp mv.', 'Social assistance etc.', KONTANTHJAELP_MV),
  share('fleksjob-mv', 'Fleksjob og ledighedsydelse', 'Flex-jobs and flex-job unemployment benefit', FLEKSJOB_MV),
  share('ressourceforloeb-mv', 'Ressourceforløb mv.', 'Resource programmes etc.', RESSOURCEFORLOEB_MV),
  share('job-paa-saerlige-vilkaar', 'Job på særlige vilkår', 'Jobs on special terms', [...FLEKSJOB_MV, ...RESSOURCEFORLOEB_MV]),
  share('alle-ydelser', 'Alle ydelser', 'All benefits', ALLE_YDELSER),
];

/** Mid-sentence form of a label: "Sygedagpenge mv." → "sygedagpenge mv.", but "SHY" stays. */
function inSentence(label: string): string {
  return /^\p{Lu}(\p{Ll}|-|\s)/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The derived indicator `<base>.<derivation>` with its labels and unit. */
export function deriveIndicator(base: DerivationBase, derivation: Derivation): DerivedIndicatorDefinition {
  const da = inSentence(base.labelDa);
  const en = inSentence(base.labelEn);
  const whatDa = base.share ? `andelen på ${da}` : da;
  const whatEn = base.share ? `the share on ${en}` : en;
  const common = { id: `${base.id}.${derivation}`, derivation, base: base.id, baseUnit: base.unit };
  if (derivation === 'change-12m') {
    return {
      ...common,
      labelDa: `Ændring i ${whatDa} over 12 måneder`,
      labelEn: `12-month change in ${whatEn}`,
      subjectDa: `Ændringen i ${whatDa} over 12 måneder`,
      subjectEn: `The 12-month change in ${whatEn}`,
      unit: base.unit === 'percent' ? 'pp' : 'count',
    };
  }
  return {
    ...common,
    labelDa: `12-måneders gennemsnit af ${whatDa}`,
    labelEn: `12-month mean of ${whatEn}`,
    subjectDa: `12-måneders gennemsnittet af ${whatDa}`,
    subjectEn: `The 12-month mean of ${whatEn}`,
    unit: base.unit,
  };
}

/** The year-on-year change and the rolling 12-month mean of every catalogue share. */
export const DERIVED_INDICATORS: readonly DerivedIndicatorDefinition[] = INDICATORS.flatMap((indicator) =>
  DERIVATIONS.map((derivation) => deriveIndicator({ ...indicator, share: true }, derivation)),
);

/** `share.sygedagpenge-mv.change-12m` → its base and derivation; null for any other id. */
export function parseDerivedId(id: string): { base: string; derivation: Derivation } | null {
  const match = /^(.+)\.(change-12m|mean-12m)$/.exec(id);
  return match ? { base: match[1], derivation: match[2] as Derivation } : null;
}

/** The indicator whose clusters a reading is compared within: a derived indicator uses its base's. */
export function clusterIndicatorOf(id: string): string {
  return parseDerivedId(id)?.base ?? id;
}

const byId = new Map(INDICATORS.map((indicator) => [indicator.id, indicator]));
const derivedById = new Map(DERIVED_INDICATORS.map((indicator) => [indicator.id, indicator]));

/** A catalogue indicator: a share computed from figures, or one derived from a share. */
export function findIndicator(id: string): IndicatorDefinition | DerivedIndicatorDefinition | undefined {
  return byId.get(id) ?? derivedById.get(id);
}

/** A share computed from figures (not a derived one). */
export function findShareIndicator(id: string): IndicatorDefinition | undefined {
  return byId.get(id);
}

/** The indicators a new figure of this series can change. */
export function indicatorsDependingOn(seriesId: string): IndicatorDefinition[] {
  return [
    ...(dependents.get(seriesId) ??
      INDICATORS.filter((indicator) => indicator.denominator === seriesId || indicator.numerator.includes(seriesId))),
  ];
}

/** Looked up for every figure consumed: computed once per catalogue series. */
const dependents = new Map(
  [...new Set(INDICATORS.flatMap((indicator) => [indicator.denominator, ...indicator.numerator]))].map(
    (series) =>
      [series, INDICATORS.filter((indicator) => indicator.denominator === series || indicator.numerator.includes(series))] as const,
  ),
);

/** 100 × Σ numerator / denominator, unrounded; null until every input is present and the denominator is positive. */
export function computeShare(definition: IndicatorDefinition, figures: ReadonlyMap<string, number>): ComputedIndicator | null {
  const denominator = figures.get(definition.denominator);
  if (denominator === undefined || denominator <= 0) return null;
  const parts: Record<string, number> = {};
  for (const series of definition.numerator) {
    const value = figures.get(series);
    if (value === undefined) return null;
    parts[series] = value;
  }
  const numerator = Object.values(parts).reduce((sum, value) => sum + value, 0);
  return { indicatorId: definition.id, value: (100 * numerator) / denominator, numerator, denominator, parts };
}
