import { z } from 'zod';
import { monthPeriod, municipalityCode } from './common';

/**
 * A plan version took effect and declares its municipality's clusters differently from the
 * previous version: every cluster it declares (per indicator, from its first month) and every
 * cluster the previous version had and this one removed. The plan is the clusters' source of truth.
 */
export const planClustersDeclaredV1 = z.object({
  planId: z.string().min(1),
  planVersion: z.number().int().min(1),
  municipality: municipalityCode,
  effectiveFrom: monthPeriod,
  clusters: z.array(
    z.object({
      indicatorId: z.string().min(1),
      /** The municipality is compared with at least two others. */
      members: z.array(municipalityCode).min(2),
      from: monthPeriod,
    }),
  ),
  removed: z.array(z.object({ indicatorId: z.string().min(1), from: monthPeriod })),
});
export type PlanClustersDeclaredV1 = z.infer<typeof planClustersDeclaredV1>;
export type PlanClustersDeclared = PlanClustersDeclaredV1;
