import { z } from 'zod';
import { anyPeriod, clusterBasis, monthPeriod, municipalityCode, nationalBasis, periodKind } from './common';

/** An indicator got a new value for a municipality and period (only published when it changed). */
export const indicatorComputedV1 = z.object({
  indicatorId: z.string().min(1),
  municipality: municipalityCode,
  period: monthPeriod,
  value: z.number().finite(),
  unit: z.literal('percent'),
  numerator: z.number().finite(),
  denominator: z.number().finite(),
  parts: z.record(z.string(), z.number().finite()),
  previousValue: z.number().finite().nullable(),
});
export type IndicatorComputedV1 = z.infer<typeof indicatorComputedV1>;

/**
 * v2 adds the benchmarks the municipality is judged against in the same period: the national
 * average, the average of its cluster for this indicator, and its rank among all municipalities
 * and within the cluster (1 = lowest share). Published when any of them changes, so a peer's
 * revised figure re-evaluates this municipality's goals.
 */
export const indicatorComputedV2 = indicatorComputedV1.extend({
  /** Shares in percent; plan-declared indicators may also be counts. */
  unit: z.enum(['percent', 'count']),
  benchmarks: z.object({
    national: z.number().finite().nullable(),
    cluster: z.number().finite().nullable(),
    clusterMembers: z.array(municipalityCode),
  }),
  rank: z.object({
    country: z.number().int().min(1).nullable(),
    countryOf: z.number().int().min(0),
    cluster: z.number().int().min(1).nullable(),
    clusterOf: z.number().int().min(0),
  }),
});
export type IndicatorComputedV2 = z.infer<typeof indicatorComputedV2>;

/** Reads a v1 payload as v2: no benchmarks were known. */
export function upcastIndicatorComputedV1(payload: IndicatorComputedV1): IndicatorComputedV2 {
  return {
    ...payload,
    benchmarks: { national: null, cluster: null, clusterMembers: [] },
    rank: { country: null, countryOf: 0, cluster: null, clusterOf: 0 },
  };
}

/** v3: readings of any period kind (a quarterly or rolling-year figure makes a reading for that period). */
export const indicatorComputedV3 = indicatorComputedV2.extend({ period: anyPeriod, periodKind });
export type IndicatorComputedV3 = z.infer<typeof indicatorComputedV3>;

/**
 * v4: what the benchmarks are, and derived indicators. `nationalBasis`: the country's official
 * figure, or an average of `municipalities` of `of` (98) municipalities; `clusterBasis`: where the
 * cluster came from (plan id and version, or the API), from which month, how many members and how
 * many with data (null: no cluster). `unit` adds `pp`: the 12-month change of a share
 * (`….change-12m`) is in percentage points, and its national benchmark is the change of the national share.
 */
export const indicatorComputedV4 = indicatorComputedV3.extend({
  unit: z.enum(['percent', 'count', 'pp']),
  benchmarks: indicatorComputedV3.shape.benchmarks.extend({ nationalBasis, clusterBasis: clusterBasis.nullable() }),
});
export type IndicatorComputedV4 = z.infer<typeof indicatorComputedV4>;
export type IndicatorComputed = IndicatorComputedV4;

export function upcastIndicatorComputedV2(payload: IndicatorComputedV2): IndicatorComputedV3 {
  return { ...payload, periodKind: 'month' };
}

/**
 * A v3 national average was always computed from the municipalities ranked in the country
 * (`rank.countryOf` of them); where a v3 cluster came from was not said.
 */
export function upcastIndicatorComputedV3(payload: IndicatorComputedV3): IndicatorComputedV4 {
  return {
    ...payload,
    benchmarks: {
      ...payload.benchmarks,
      nationalBasis: { source: 'municipalities', municipalities: payload.rank.countryOf, of: 98 },
      clusterBasis: null,
    },
  };
}
