import { z } from 'zod';

/** A secret rotation's input, for subscriptions and webhook endpoints alike. */
export const rotateSecretSchema = z.object({
  /** How long the old secret keeps signing beside the new one (default 24 h; 0 ends it now). */
  overlapMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(24 * 60),
});

/** A rotated secret; the previous one keeps signing until previousSecretValidUntil. */
export const rotatedSecretSchema = z.object({ secret: z.string(), previousSecretValidUntil: z.string().describe('ISO 8601 date-time') });
