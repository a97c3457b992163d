import { z } from 'zod';
import { publicApiRateLimitSetting, serviceEnvSchema } from '@pejling/platform';

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
  MARK_HISTORICAL_TRANSITIONS: z
    .enum(['true', 'false'], { error: "must be 'true' or 'false'" })
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * Municipalities a computed national average must cover before a goal is judged against it; below
   * it the goal has no data (`national_incomplete`). The country's official figure always suffices.
   */
  NATIONAL_COVERAGE_MIN: z.coerce
    .number({ error: 'must be a whole number from 1 to 98' })
    .int('must be a whole number from 1 to 98')
    .min(1, 'must be a whole number from 1 to 98')
    .max(98, 'must be a whole number from 1 to 98')
    .default(98),
  /**
   * Superseded judgements (the audit of re-judged periods) are kept this many days after they were
   * superseded; 0 keeps them for ever. Current judgements, and those a goal's state or transitions
   * stand on, are never deleted: reports and goal pages read those.
   */
  EVALUATIONS_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(3_650),
  BULL_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('pejling'),
  /**
   * Requests per client address per minute to the public transparency routes (/v1/public/…), then
   * 429 (0 = no limit). The console reads them from its own address, one request per URL per
   * PUBLIC_CACHE_SECONDS, hence the room above the console's own 120 per reader.
   */
  PUBLIC_API_RATE_LIMIT_PER_MINUTE: publicApiRateLimitSetting(300),
});

export type GoalsEnv = z.infer<typeof goalsEnvSchema>;
