import { z } from 'zod';
import { serviceEnvSchema } from '@pejling/platform';

export const indicatorsEnvSchema = serviceEnvSchema.extend({
  PORT: serviceEnvSchema.shape.PORT.default(3002),
  /** A changed (indicator, period) is recomputed once no figure has touched it for this long... */
  BENCHMARK_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** ...and at the latest this long after it was first queued, however busy the stream. */
  BENCHMARK_MAX_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** A lone figure's pairs are recomputed once nothing at all has been queued for this long (a burst keeps the debounce). */
  BENCHMARK_QUIET_MS: z.coerce.number().int().min(0).max(60_000).default(50),
});

export type IndicatorsEnv = z.infer<typeof indicatorsEnvSchema>;
