import { z } from 'zod';

const iso = z.string().describe('ISO 8601 date-time');
const status = z.enum(['running', 'succeeded', 'failed']);

/** The latest run of a configured pull, as GET /v1/pulls shows it. */
const lastRunSchema = z.object({
  table: z.string(),
  status,
  attempt: z.number().int(),
  periods: z.array(z.string()),
  importId: z.string().uuid().nullable(),
  error: z.string().nullable(),
  startedAt: iso,
  finishedAt: iso.nullable(),
});

/** A configured pull (PullConfig from JOBINDSATS_PULLS) with its latest run. */
const pullViewSchema = z.object({
  table: z.string(),
  cron: z.string(),
  areas: z.union([z.literal('*'), z.array(z.string())]),
  periods: z.union([z.object({ latest: z.number().int() }), z.array(z.string())]),
  kind: z.enum(['month', 'quarter', 'rolling-year', 'year']).optional(),
  lastRun: lastRunSchema.nullable(),
});

/** GET /v1/pulls. */
export const pullsOverviewSchema = z.object({
  baseUrl: z.string(),
  timeZone: z.string(),
  pulls: z.array(pullViewSchema),
  tables: z.array(z.string()).describe('The Jobindsats tables Pejling reads'),
});

/** One row of GET /v1/pulls/runs (ingest.pull_runs). */
export const pullRunSchema = z.object({
  id: z.string().uuid(),
  pullId: z.string().uuid(),
  table: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  attempt: z.number().int(),
  status,
  periods: z.array(z.string()),
  importId: z.string().uuid().nullable(),
  withheld: z.number().int(),
  error: z.string().nullable(),
  willRetry: z.boolean().nullable(),
  startedAt: iso,
  finishedAt: iso.nullable(),
});

/** POST /v1/pulls/{table}/run (PullQueue.runNow). */
export const pullQueuedSchema = z.object({
  jobId: z.string(),
  pullId: z.string().uuid().describe('Follow it in GET /v1/pulls/runs?pullId='),
});
