import { z } from 'zod';

/** A cluster as GET /v1/clusters lists it. */
export const clusterViewSchema = z.object({
  municipality: z.string(),
  indicatorId: z.string(),
  members: z.array(z.string()),
  source: z.enum(['plan', 'api']),
  planId: z.string().nullable(),
  planVersion: z.number().int().nullable(),
  effectiveFrom: z.string().nullable().describe('The month it applies from; null: every period'),
  removed: z.boolean(),
  updatedAt: z.string(),
});

/** PUT /v1/clusters/{municipality}/{indicator}. */
export const clusterPutResultSchema = z.object({
  municipality: z.string(),
  indicatorId: z.string(),
  members: z.array(z.string()),
  source: z.literal('api'),
  effectiveFrom: z.null(),
  periodsRecomputing: z.number().int().describe('Periods whose benchmarks are being recomputed'),
});
