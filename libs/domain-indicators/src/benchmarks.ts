import { ClusterBasis, MUNICIPALITY_COUNT, NationalBasis } from './benchmark-basis';

export interface MunicipalityValue {
  municipality: string;
  /** The share, in percent. */
  value: number;
  numerator: number;
  denominator: number;
}

/** A municipality's cluster for one indicator and period, and where it came from. */
export interface ClusterAssignment {
  members: readonly string[];
  source: ClusterBasis['source'];
  planId?: string;
  planVersion?: number;
  effectiveFrom: string | null;
}

export interface BenchmarkReading {
  /**
   * The country's own figure when it is published (official), else Σ numerators / Σ denominators
   * over every municipality with data: the country as one population.
   */
  national: number | null;
  nationalBasis: NationalBasis;
  /** Plain mean of the cluster members' shares, as the plans compute "klyngens gennemsnit". */
  cluster: number | null;
  clusterMembers: string[];
  clusterBasis: ClusterBasis | null;
  /** 1 = lowest share; tied values share a rank. */
  country: number | null;
  countryOf: number;
  clusterRank: number | null;
  clusterOf: number;
}

/**
 * The benchmarks of every municipality for one indicator and period: the national figure (the
 * country's official one when `official` is given, else computed from the municipalities, with its
 * coverage), the average of the municipality's own cluster (clusters differ per municipality and
 * per benefit group, so they are looked up by municipality), and ranks in the country and in the cluster.
 * `values` are municipalities only: the country is never ranked or averaged as one. A share of the
 * population is averaged as `ratio` (the municipalities as one population: Σ numerators ÷ Σ
 * denominators); a plan's ready-made figures (survey scores, process shares, counts) as a plain `mean`.
 */
export function computeBenchmarks(
  values: readonly MunicipalityValue[],
  clusterOf: (municipality: string) => ClusterAssignment | readonly string[] | undefined,
  official: number | null = null,
  averaging: 'ratio' | 'mean' = 'ratio',
): Map<string, BenchmarkReading> {
  const byMunicipality = new Map(values.map((value) => [value.municipality, value]));
  const computed = averaging === 'ratio' ? ratioOf(values) : meanOf(values.map((value) => value.value));
  const national = official ?? computed;
  const nationalBasis: NationalBasis = {
    source: official !== null ? 'official' : 'municipalities',
    municipalities: byMunicipality.size,
    of: MUNICIPALITY_COUNT,
  };
  const shares = values.map((value) => value.value);
  const readings = new Map<string, BenchmarkReading>();
  for (const own of values) {
    const assignment = asAssignment(clusterOf(own.municipality));
    const members = [...new Set(assignment?.members ?? [])].sort();
    const memberShares = members.flatMap((code) => {
      const member = byMunicipality.get(code);
      return member ? [member.value] : [];
    });
    const inCluster = members.includes(own.municipality) ? memberShares : [...memberShares, own.value];
    // A cluster whose other members have no data yet is no comparison: no average, no rank (1 of 1 is not "best in the cluster").
    const peersWithData = members.filter((code) => code !== own.municipality && byMunicipality.has(code)).length;
    const clusterBasis: ClusterBasis | null =
      assignment && members.length > 0
        ? {
            source: assignment.source,
            ...(assignment.planId !== undefined ? { planId: assignment.planId } : {}),
            ...(assignment.planVersion !== undefined ? { planVersion: assignment.planVersion } : {}),
            effectiveFrom: assignment.effectiveFrom,
            members: members.length,
            withData: memberShares.length,
          }
        : null;
    readings.set(own.municipality, {
      national,
      nationalBasis,
      cluster: peersWithData > 0 ? memberShares.reduce((sum, share) => sum + share, 0) / memberShares.length : null,
      clusterMembers: members,
      clusterBasis,
      country: rankOf(own.value, shares),
      countryOf: shares.length,
      clusterRank: peersWithData > 0 ? rankOf(own.value, inCluster) : null,
      clusterOf: peersWithData > 0 ? inCluster.length : 0,
    });
  }
  return readings;
}

/** A bare member list is an API cluster for every period (how clusters were set before plans declared them). */
function asAssignment(found: ClusterAssignment | readonly string[] | undefined): ClusterAssignment | undefined {
  if (!found) return undefined;
  if (Array.isArray(found)) return { members: found as readonly string[], source: 'api', effectiveFrom: null };
  return found as ClusterAssignment;
}

function rankOf(value: number, among: readonly number[]): number {
  return 1 + among.filter((other) => other < value).length;
}

function ratioOf(values: readonly MunicipalityValue[]): number | null {
  const denominator = values.reduce((sum, value) => sum + value.denominator, 0);
  return values.length > 0 && denominator > 0 ? (100 * values.reduce((sum, value) => sum + value.numerator, 0)) / denominator : null;
}

function meanOf(numbers: readonly number[]): number | null {
  return numbers.length > 0 ? numbers.reduce((sum, value) => sum + value, 0) / numbers.length : null;
}
