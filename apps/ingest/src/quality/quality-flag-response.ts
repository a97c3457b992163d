import { z } from 'zod';

/** One soft data-quality flag (a quality_flags row). */
const qualityFlagSchema = z.object({
  id: z.string().uuid(),
  check: z.string(),
  source: z.string(),
  series: z.string(),
  municipality: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  details: z.looseObject({}).describe('What the check saw (open JSON, per check)'),
  message: z.looseObject({}).describe('The message per language (stored JSON)'),
  batchId: z.string().uuid(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByBatch: z.string().uuid().nullable(),
});

/** GET /v1/quality-flags (QualityFlagList). */
export const qualityFlagListSchema = z.object({
  counts: z.array(z.object({ check: z.string(), count: z.number().int() })),
  flags: z.array(qualityFlagSchema),
});
