import { parseExpression } from 'cron-parser';
import { z } from 'zod';
import { JOBINDSATS_TABLES, resolveMunicipality } from '@pejling/domain-figures';
import { serviceEnvSchema } from '@pejling/platform';

/** One scheduled pull: which table, when (cron, in TZ), which areas and which periods. */
const pullSchema = z.object({
  table: z.string().refine((table) => table in JOBINDSATS_TABLES, {
    message: `must be one of the tables Pejling reads: ${Object.keys(JOBINDSATS_TABLES).join(', ')}`,
  }),
  cron: z.string().refine(isCron, 'must be a cron expression such as "0 6 * * *"'),
  /** "*" for every area, or municipality codes / names. */
  areas: z
    .union([
      z.literal('*'),
      z.array(z.string().refine((area) => !!resolveMunicipality(area), 'must be a municipality code or name')).min(1),
    ])
    .default('*'),
  /** The newest N periods the table offers, or explicit periods (2021M07, 2021QMAT02). */
  periods: z.union([z.object({ latest: z.number().int().min(1).max(240) }), z.array(z.string().min(4)).min(1)]).default({ latest: 3 }),
  /** Only periods of this kind (a table may offer months and rolling years side by side). */
  kind: z.enum(['month', 'quarter', 'rolling-year', 'year']).optional(),
});
export type PullConfig = z.infer<typeof pullSchema>;

function isCron(expression: string): boolean {
  try {
    parseExpression(expression);
    return expression.trim().split(/\s+/).length >= 5;
  } catch {
    return false;
  }
}

const pullsJson = z
  .string()
  .default('[]')
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON array of pulls, e.g. [{"table":"y07a02","cron":"0 6 * * *"}]' });
      return z.NEVER;
    }
  })
  .pipe(z.array(pullSchema).refine((pulls) => new Set(pulls.map((pull) => pull.table)).size === pulls.length, 'names a table twice'));

export const ingestEnvSchema = serviceEnvSchema
  .extend({
    PORT: serviceEnvSchema.shape.PORT.default(3001),
    BULL_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/)
      .default('pejling'),
    JOBINDSATS_BASE_URL: z.string().url('must be an absolute URL').default('https://api.jobindsats.dk'),
    /** The organisation's key, sent raw in the Authorization header as the v2 API expects. */
    JOBINDSATS_API_KEY: z.string().min(8, 'must be the API key issued by STAR (at least 8 characters)').optional(),
    JOBINDSATS_PULLS: pullsJson,
    JOBINDSATS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    /** Time zone of the pulls' cron expressions. */
    JOBINDSATS_CRON_TZ: z.string().default('Europe/Copenhagen'),
    PULL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    PULL_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
    /** A CSV upload larger than this is refused with 413 as it arrives (the national backfill file is about 60 MB). */
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 ** 3)
      .default(512 * 1024 ** 2),
    /** Where uploads are spooled before the import takes the writers' lock (default: the OS's temporary folder). */
    IMPORT_SPOOL_DIR: z.string().min(1).optional(),
  })
  .superRefine((env, context) => {
    if (env.JOBINDSATS_PULLS.length > 0 && !env.JOBINDSATS_API_KEY) {
      context.addIssue({ code: 'custom', path: ['JOBINDSATS_API_KEY'], message: 'is required when JOBINDSATS_PULLS schedules pulls' });
    }
  });
export type IngestEnv = z.infer<typeof ingestEnvSchema>;
