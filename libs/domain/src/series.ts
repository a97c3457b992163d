export type FigureUnit = 'full-time-persons' | 'persons' | 'percent' | 'count';

export interface SeriesDefinition {
  id: string;
  unit: FigureUnit;
  labelDa: string;
  labelEn: string;
}

const benefit = (id: string, labelDa: string, labelEn: string): SeriesDefinition => ({ id, unit: 'full-time-persons', labelDa, labelEn });

/** Figure series: Jobindsats benefit types counted in full-time persons, and the population they are shares of. */
export const SERIES: readonly SeriesDefinition[] = [
  benefit('a-dagpenge', 'A-dagpenge', 'Unemployment insurance benefit'),
  benefit('kontanthjaelp', 'Kontanthjælp', 'Social assistance'),
  benefit('uddannelseshjaelp', 'Uddannelseshjælp', 'Education benefit'),
  benefit('selvforsoergelses-og-hjemrejseydelse', 'Selvforsørgelses- og hjemrejseydelse', 'Self-support and return benefit'),
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

const byId = new Map(SERIES.map((series) => [series.id, series]));

export function findSeries(id: string): SeriesDefinition | undefined {
  return byId.get(id);
}

/**
 * A figure whose series is itself an indicator declared by a plan (e.g. `survey.virksomhedstilfredshed`,
 * `process.a-dagpenge-3-samtaler-3-mdr`): data Jobindsats does not publish, posted through ingest as
 * a share or a count. Such ids have a namespace and a dot; catalogue series never do.
 */
export function isDirectIndicatorSeries(id: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+([.-][a-z0-9]+)*$/.test(id);
}
