import { z } from 'zod';

/** Each dependency's check: `status` up or down, with what the check saw (brokers, reply, message). */
const checks = z.record(z.string(), z.looseObject({ status: z.enum(['up', 'down']) }));

/** What @nestjs/terminus answers on /health (200 when all are up, 503 otherwise). */
export const healthResultSchema = z.object({
  status: z.enum(['ok', 'error', 'shutting_down']),
  info: checks.optional(),
  error: checks.optional(),
  details: checks,
});
