import { ALLE_YDELSER, findSeries, FLEKSJOB_MV, KONTANTHJAELP_MV, RESSOURCEFORLOEB_MV, SYGEDAGPENGE_MV } from './series';

export interface IndicatorDefinition {
  id: string;
  labelDa: string;
  labelEn: string;
  /** Series summed in the numerator (one for a benefit type, several for a Jobindsats benefit group). */
  numerator: readonly string[];
  denominator: string;
  unit: 'percent';
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
  'a-dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'selvforsoergelses-og-hjemrejseydelse', 'overgangsydelse', 'sygedagpenge',
  'jobafklaringsforloeb', 'fleksjob', 'ledighedsydelse', 'ressourceforloeb', 'revalidering', 'forrevalidering', 'foertidspension',
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

const byId = new Map(INDICATORS.map((indicator) => [indicator.id, indicator]));

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return byId.get(id);
}

/** The indicators a new figure of this series can change. */
export function indicatorsDependingOn(seriesId: string): IndicatorDefinition[] {
  return [...(dependents.get(seriesId) ?? INDICATORS.filter((indicator) => indicator.denominator === seriesId || indicator.numerator.includes(seriesId)))];
}

/** Looked up for every figure consumed: computed once per catalogue series. */
const dependents = new Map(
  [...new Set(INDICATORS.flatMap((indicator) => [indicator.denominator, ...indicator.numerator]))].map(
    (series) => [series, INDICATORS.filter((indicator) => indicator.denominator === series || indicator.numerator.includes(series))] as const,
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
