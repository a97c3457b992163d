import { ClusterBasis, NationalBasis } from '@pejling/domain-indicators';

/** One indicator value as goals stores it and judges its goals by. */
export interface IndicatorReading {
  indicatorId: string;
  municipality: string;
  period: string;
  value: number;
  inputs: Record<string, unknown>;
  /** With what they are (official or computed national figure and its coverage, the cluster's source); absent in readings stored before v4. */
  benchmarks: { national: number | null; cluster: number | null; nationalBasis?: NationalBasis | null; clusterBasis?: ClusterBasis | null };
  /** 1 = lowest value; `countryOf`/`clusterOf` let a higher-is-better goal read it the other way round. */
  rank: { country: number | null; cluster: number | null; countryOf?: number; clusterOf?: number };
}

/**
 * The ministry benchmark published ready-made (Jobindsats' expected vs actual full-time persons on
 * public support), posted through ingest as the series below; they decide whether conditional goals apply.
 */
export const BENCHMARK_ACTUAL = 'benchmark.faktiske-fuldtidspersoner';
export const BENCHMARK_EXPECTED = 'benchmark.forventede-fuldtidspersoner';
