export interface MunicipalityValue {
  municipality: string;
  /** The share, in percent. */
  value: number;
  numerator: number;
  denominator: number;
}

export interface BenchmarkReading {
  /** Σ numerators / Σ denominators over every municipality with data: the country as one population. */
  national: number | null;
  /** Plain mean of the cluster members' shares, as the plans compute "klyngens gennemsnit". */
  cluster: number | null;
  clusterMembers: string[];
  /** 1 = lowest share; tied values share a rank. */
  country: number | null;
  countryOf: number;
  clusterRank: number | null;
  clusterOf: number;
}

/**
 * The benchmarks of every municipality for one indicator and period: the national average, the
 * average of the municipality's own cluster (clusters differ per municipality and per benefit
 * group, so they are looked up by municipality), and ranks in the country and in the cluster.
 */
export function computeBenchmarks(values: readonly MunicipalityValue[], clusterOf: (municipality: string) => readonly string[] | undefined): Map<string, BenchmarkReading> {
  const byMunicipality = new Map(values.map((value) => [value.municipality, value]));
  const totalDenominator = values.reduce((sum, value) => sum + value.denominator, 0);
  const national = values.length > 0 && totalDenominator > 0 ? (100 * values.reduce((sum, value) => sum + value.numerator, 0)) / totalDenominator : null;
  const shares = values.map((value) => value.value);
  const readings = new Map<string, BenchmarkReading>();
  for (const own of values) {
    const members = [...new Set(clusterOf(own.municipality) ?? [])].sort();
    const memberShares = members.flatMap((code) => {
      const member = byMunicipality.get(code);
      return member ? [member.value] : [];
    });
    const inCluster = members.includes(own.municipality) ? memberShares : [...memberShares, own.value];
    readings.set(own.municipality, {
      national,
      cluster: memberShares.length > 0 ? memberShares.reduce((sum, share) => sum + share, 0) / memberShares.length : null,
      clusterMembers: members,
      country: rankOf(own.value, shares),
      countryOf: shares.length,
      clusterRank: members.length > 0 ? rankOf(own.value, inCluster) : null,
      clusterOf: members.length > 0 ? inCluster.length : 0,
    });
  }
  return readings;
}

function rankOf(value: number, among: readonly number[]): number {
  return 1 + among.filter((other) => other < value).length;
}
