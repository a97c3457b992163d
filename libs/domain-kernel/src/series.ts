export type FigureUnit = 'full-time-persons' | 'persons' | 'percent' | 'count';

export interface SeriesDefinition {
  id: string;
  unit: FigureUnit;
  labelDa: string;
  labelEn: string;
  /** For a subtotal (a Jobindsats benefit group, the plans' "Delsum" and "I alt"): the series it sums. */
  parts?: readonly string[];
  /** Other labels exports use for it. */
  aliases?: readonly string[];
}

const benefit = (id: string, labelDa: string, labelEn: string): SeriesDefinition => ({ id, unit: 'full-time-persons', labelDa, labelEn });

/** Figure series: Jobindsats benefit types counted in full-time persons, and the population they are shares of. */
export const SERIES: readonly SeriesDefinition[] = [
  benefit('a-dagpenge', 'A-dagpenge', 'Unemployment insurance benefit'),
  benefit('kontanthjaelp', 'Kontanthjælp', 'Social assistance'),
  benefit('uddannelseshjaelp', 'Uddannelseshjælp', 'Education benefit'),
  {
    ...benefit('selvforsoergelses-og-hjemrejseydelse', 'Selvforsørgelses- og hjemrejseydelse', 'Self-support and return benefit'),
    aliases: ['Selvforsørgelses- og hjemrejseydelse og overgangsydelse', 'Selvforsørgelses- og hjemrejseydelse mv.'],
  },
  benefit('overgangsydelse', 'Overgangsydelse', 'Transitional benefit'),
  benefit('sygedagpenge', 'Sygedagpenge', 'Sickness benefit'),
  benefit('jobafklaringsforloeb', 'Jobafklaringsforløb', 'Work-ability clarification'),
  benefit('fleksjob', 'Fleksjob', 'Flex-job'),
  benefit('ledighedsydelse', 'Ledighedsydelse', 'Flex-job unemployment benefit'),
  benefit('ressourceforloeb', 'Ressourceforløb', 'Resource programme'),
  benefit('revalidering', 'Revalidering', 'Vocational rehabilitation'),
  benefit('forrevalidering', 'Forrevalidering', 'Pre-rehabilitation'),
  benefit('foertidspension', 'Førtidspension', 'Disability pension'),
  { id: 'befolkning-16-66', unit: 'persons', labelDa: 'Befolkningen 16-66 år', labelEn: 'Population aged 16-66' },
];

const group = (
  id: string,
  labelDa: string,
  labelEn: string,
  parts: readonly string[],
  aliases: readonly string[] = [],
): SeriesDefinition => ({
  id,
  unit: 'full-time-persons',
  labelDa,
  labelEn,
  parts,
  aliases,
});

export const SYGEDAGPENGE_MV = ['sygedagpenge', 'jobafklaringsforloeb'] as const;
// Jobindsats reports selvforsørgelses- og hjemrejseydelse together with overgangsydelse (Frederiksberg
// Bilag 1 has one row for both), so the group counts that one series, as Frederiksberg's Mål C does.
export const KONTANTHJAELP_MV = ['kontanthjaelp', 'uddannelseshjaelp', 'selvforsoergelses-og-hjemrejseydelse'] as const;
export const FLEKSJOB_MV = ['fleksjob', 'ledighedsydelse'] as const;
export const RESSOURCEFORLOEB_MV = ['ressourceforloeb', 'revalidering', 'forrevalidering'] as const;
export const ALLE_YDELSER = [
  'a-dagpenge',
  ...SYGEDAGPENGE_MV,
  ...FLEKSJOB_MV,
  ...RESSOURCEFORLOEB_MV,
  ...KONTANTHJAELP_MV,
  'foertidspension',
] as const;

/**
 * Benefit-group subtotals as Jobindsats and the plans' tables print them. They are stored as
 * figures so ingest can check that a printed total equals the sum of its parts (Frederiksberg's
 * Bilag 1 prints Delsum 1.328 for 1.217 + 106 = 1.323); indicators compute groups from the parts.
 */
export const GROUP_TOTALS: readonly SeriesDefinition[] = [
  group('sygedagpenge-mv', 'Sygedagpenge mv.', 'Sickness benefit etc.', SYGEDAGPENGE_MV),
  group('kontanthjaelp-mv', 'Kontanthjælp mv.', 'Social assistance etc.', KONTANTHJAELP_MV),
  group('fleksjob-mv', 'Fleksjob og ledighedsydelse', 'Flex-jobs and flex-job unemployment benefit', FLEKSJOB_MV),
  group('ressourceforloeb-mv', 'Ressourceforløb mv.', 'Resource programmes etc.', RESSOURCEFORLOEB_MV),
  group('alle-ydelser', 'Alle ydelser', 'All benefits', ALLE_YDELSER, ['I alt', 'Ydelsesgrupper i alt']),
];

const ALL_SERIES: readonly SeriesDefinition[] = [...SERIES, ...GROUP_TOTALS];

const byId = new Map(ALL_SERIES.map((series) => [series.id, series]));

/** Every catalogue series: benefit types, the population and the group subtotals. */
export function allSeries(): readonly SeriesDefinition[] {
  return ALL_SERIES;
}

/** The subtotals a series is part of. */
export function groupsContaining(seriesId: string): SeriesDefinition[] {
  return [...(groupsOfPart.get(seriesId) ?? [])];
}

const groupsOfPart = new Map<string, SeriesDefinition[]>();
for (const total of GROUP_TOTALS) for (const part of total.parts ?? []) groupsOfPart.set(part, [...(groupsOfPart.get(part) ?? []), total]);

export function findSeries(id: string): SeriesDefinition | undefined {
  return byId.get(id);
}

/**
 * A figure whose series is itself an indicator declared by a plan (e.g. `survey.virksomhedstilfredshed`,
 * `process.a-dagpenge-3-samtaler-3-mdr`): data Jobindsats does not publish, posted through ingest as
 * a share or a count. Such ids have a namespace and a dot; catalogue series never do.
 */
export function isDirectIndicatorSeries(id: string): boolean {
  // `….change-12m` and `….mean-12m` are derived by the indicators service, never posted.
  return /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+([.-][a-z0-9]+)*$/.test(id) && !/\.(change|mean)-12m$/.test(id);
}
