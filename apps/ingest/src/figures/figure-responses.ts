import { z } from 'zod';

/** What POST /v1/figures answers (RecordResult), for the OpenAPI document. */
export const recordResultSchema = z.object({
  batchId: z.string().uuid(),
  received: z.number().int(),
  created: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
  published: z.number().int(),
  flagged: z.number().int().describe('Data-quality flags this batch raised (GET /v1/quality-flags).'),
});

/** A stored figure, as GET /v1/figures lists it. */
export const figureSchema = z.object({
  id: z.string().uuid(),
  source: z.string(),
  series: z.string(),
  municipality: z.string(),
  period: z.string(),
  value: z.number(),
  unit: z.string(),
  revision: z.number().int(),
  updatedAt: z.string(),
});

/** A figure with every revision, oldest first (FigureWithRevisions). */
export const figureWithRevisionsSchema = figureSchema.extend({
  revisions: z.array(
    z.object({
      revision: z.number().int(),
      previousValue: z.number(),
      value: z.number(),
      batchId: z.string().uuid(),
      revisedAt: z.string(),
      previousSourceUpdatedAt: z.string().nullable(),
      sourceUpdatedAt: z.string().nullable(),
    }),
  ),
});
