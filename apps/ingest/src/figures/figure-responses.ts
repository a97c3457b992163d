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
