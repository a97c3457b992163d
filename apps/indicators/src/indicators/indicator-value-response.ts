import { z } from 'zod';

/** One stored indicator value (IndicatorValueRow), for the OpenAPI document. */
export const indicatorValueSchema = z.object({
  indicatorId: z.string(),
  municipality: z.string(),
  period: z.string(),
  value: z.number(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  parts: z.unknown(),
  updatedAt: z.string(),
});
