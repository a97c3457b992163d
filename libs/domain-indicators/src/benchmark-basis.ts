import { MUNICIPALITIES } from '@pejling/domain-kernel';

/** How many municipalities a complete national average covers. */
export const MUNICIPALITY_COUNT = MUNICIPALITIES.length;

/**
 * What a national figure is: the country's own published share (Jobindsats' "Hele landet"), or an
 * average computed from the municipalities that have data, with how many of the 98 they are.
 */
export interface NationalBasis {
  source: 'official' | 'municipalities';
  /** Municipalities with data for the indicator and period. */
  municipalities: number;
  of: number;
}

/** Where a cluster came from (a plan version or `PUT /v1/clusters`), from when, and how many members had data. */
export interface ClusterBasis {
  source: 'plan' | 'api';
  planId?: string;
  planVersion?: number;
  /** The first month the cluster applies to; null for an API cluster, which applies to every period. */
  effectiveFrom: string | null;
  members: number;
  withData: number;
}

type Lang = 'da' | 'en';

/** A national figure may be called national when the country publishes it or every municipality has data. */
export function isNationalComplete(basis: NationalBasis): boolean {
  return basis.source === 'official' || basis.municipalities >= basis.of;
}

/** A goal against the national average is judged when the figure is official or covers at least `minimum` municipalities. */
export function nationalCoverageSuffices(basis: NationalBasis | null | undefined, minimum: number): boolean {
  if (!basis) return true;
  return basis.source === 'official' || basis.municipalities >= Math.min(minimum, basis.of);
}

/** The name of the national figure as a fact label: "Landsgennemsnit" only when it is one. */
export function nationalLabel(basis: NationalBasis | null | undefined, lang: Lang): string {
  if (!basis || isNationalComplete(basis)) return lang === 'da' ? 'Landsgennemsnit' : 'National average';
  return lang === 'da'
    ? `Gennemsnit af ${basis.municipalities} af ${basis.of} kommuner`
    : `Average of ${basis.municipalities} of ${basis.of} municipalities`;
}

/** The name of the cluster average as a fact label, with its coverage when members lack data. */
export function clusterLabel(basis: ClusterBasis | null | undefined, lang: Lang): string {
  const base = lang === 'da' ? 'Klyngens gennemsnit' : 'Cluster average';
  return `${base}${clusterCoverage(basis, lang)}`;
}

/** ` (3 af 4 kommuner)` when some of the cluster's members have no data, else nothing. */
export function clusterCoverage(basis: ClusterBasis | null | undefined, lang: Lang): string {
  if (!basis || basis.withData >= basis.members) return '';
  return lang === 'da' ? ` (${basis.withData} af ${basis.members} kommuner)` : ` (${basis.withData} of ${basis.members} municipalities)`;
}

/** Why a national goal cannot be judged: the coverage in words. */
export function nationalIncompleteSentence(basis: NationalBasis, lang: Lang): string {
  return lang === 'da'
    ? `Der er kun tal for ${basis.municipalities} af ${basis.of} kommuner; landsgennemsnittet kan ikke beregnes.`
    : `There are figures for only ${basis.municipalities} of ${basis.of} municipalities; the national average cannot be computed.`;
}
