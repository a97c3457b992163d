import { z } from 'zod';
import { anyPeriod, explanation, municipalityCode } from './common';

/**
 * A stored figure looks doubtful. Soft checks flag but keep the figure: a jump beyond the series'
 * own robust range, a group total that disagrees with the sum of its parts, a missing period.
 */
export const figureFlaggedV1 = z.object({
  flagId: z.string().uuid(),
  check: z.enum(['jump', 'group-total', 'missing-period']),
  source: z.string().min(1),
  series: z.string().min(1),
  municipality: municipalityCode,
  period: anyPeriod,
  value: z.number().finite().nullable(),
  /** What the check compared, e.g. { median, mad, threshold } or { total, sumOfParts }. */
  details: z.record(z.string(), z.union([z.number(), z.string(), z.null(), z.array(z.string())])),
  message: explanation,
  /** The import or batch that stored the figure. */
  batchId: z.string().uuid(),
});
export type FigureFlaggedV1 = z.infer<typeof figureFlaggedV1>;

/**
 * v2: a printed table's development columns are checked too: `change` (an "Udvikling" that is not
 * the difference of its row's periods) and `change-percent` (a "%" that is not the relative change).
 */
export const figureFlaggedV2 = figureFlaggedV1.extend({
  check: z.enum(['jump', 'group-total', 'missing-period', 'change', 'change-percent']),
});
export type FigureFlaggedV2 = z.infer<typeof figureFlaggedV2>;
export type FigureFlagged = FigureFlaggedV2;

/** Every v1 flag is a valid v2 flag. */
export function upcastFigureFlaggedV1(payload: FigureFlaggedV1): FigureFlaggedV2 {
  return payload;
}

const pullFields = {
  pullId: z.string().uuid(),
  /** The configured Jobindsats table, e.g. y07a02. */
  table: z.string().min(1),
  periods: z.array(anyPeriod),
};

/** A scheduled pull from the Jobindsats API failed; nothing of it was stored. `willRetry` says whether another attempt follows. */
export const pullFailedV1 = z.object({
  ...pullFields,
  attempt: z.number().int().min(1),
  maxAttempts: z.number().int().min(1),
  willRetry: z.boolean(),
  error: z.string().min(1),
});
export type PullFailedV1 = z.infer<typeof pullFailedV1>;

/** A pull stored what it fetched (all or nothing). */
export const pullCompletedV1 = z.object({
  ...pullFields,
  importId: z.string().uuid(),
  rows: z.object({
    total: z.number().int(),
    rejected: z.number().int(),
    created: z.number().int(),
    revised: z.number().int(),
    unchanged: z.number().int(),
  }),
});
export type PullCompletedV1 = z.infer<typeof pullCompletedV1>;
