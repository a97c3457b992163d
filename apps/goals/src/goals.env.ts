import { z } from 'zod';
import { serviceEnvSchema } from '@pejling/platform';

export const goalsEnvSchema = serviceEnvSchema.extend({
  PORT: serviceEnvSchema.shape.PORT.default(3003),
  /** How often goals are checked for data the publication calendar says is overdue; 0 turns the check off. */
  STALENESS_CHECK_EVERY_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** Months after a period's end before Jobindsats publishes it. */
  PUBLICATION_LAG_MONTHS: z.coerce.number().int().min(0).max(24).default(2),
  /**
   * Transitions about periods older than the publication calendar's due period (a backfill of
   * history) are marked `historical`: recorded, not delivered. Tests and the demo replay 2021 and turn it off.
   */
  MARK_HISTORICAL_TRANSITIONS: z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).default('true').transform((value) => value === 'true'),
  BULL_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default('pejling'),
});

export type GoalsEnv = z.infer<typeof goalsEnvSchema>;
