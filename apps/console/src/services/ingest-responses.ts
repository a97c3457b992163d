import { z } from 'zod';

/** The services' answers the Data pages read (ingest), parsed rather than cast. */

const message = z
  .union([z.string(), z.object({ da: z.string(), en: z.string() })])
  .nullable()
  .optional();

export const IMPORT_STATUSES = ['running', 'accepted', 'rejected', 'failed'] as const;

/** A row of `GET /v1/imports`. */
export const importListing = z.object({
  id: z.string(),
  createdAt: z.string(),
  author: z.string(),
  filename: z.string().nullable(),
  source: z.string(),
  policy: z.string(),
  status: z.string(),
  accepted: z.coerce.number(),
  rejected: z.coerce.number(),
  municipalities: z.array(z.string()).default([]),
});
export type ImportListing = z.infer<typeof importListing>;
export const importListingList = z.array(importListing);

const importFlag = z.looseObject({
  flagId: z.union([z.string(), z.number()]).nullable().optional(),
  new: z.boolean().optional(),
  check: z.string(),
  series: z.string(),
  municipality: z.string(),
  period: z.string(),
  value: z.coerce.number().nullable().optional(),
  message,
});

/** `GET /v1/imports/:id`, and the body of `POST /v1/imports` (201, 422 and 400 alike). */
export const importRecord = z.object({
  id: z.string(),
  source: z.string(),
  author: z.string(),
  policy: z.string(),
  status: z.string(),
  encoding: z.string().nullable().optional(),
  delimiter: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  errors: z
    .array(z.object({ line: z.number().nullable().optional(), field: z.string().nullable().optional(), reason: z.string() }))
    .nullable()
    .default([]),
  flags: z.array(importFlag).nullable().default([]),
  createdAt: z.string(),
  finishedAt: z.string().nullable().optional(),
  filename: z.string().nullable().optional(),
  municipalities: z.array(z.string()).nullable().default([]),
  rows: z.object({
    total: z.number().nullable(),
    rejected: z.number().nullable(),
    created: z.number().nullable(),
    revised: z.number().nullable(),
    unchanged: z.number().nullable(),
    flagged: z.number().nullable(),
  }),
});
export type ImportRecord = z.infer<typeof importRecord>;

/** `GET /v1/quality-flags`: counts per check and the flags. */
export const qualityFlagList = z.object({
  counts: z.array(z.object({ check: z.string(), count: z.coerce.number() })),
  flags: z.array(
    z.looseObject({
      id: z.union([z.string(), z.number()]),
      check: z.string(),
      source: z.string(),
      series: z.string(),
      municipality: z.string(),
      period: z.string(),
      value: z.coerce.number().nullable(),
      message,
      batchId: z.string().nullable().optional(),
      createdAt: z.string(),
      resolvedAt: z.string().nullable().optional(),
    }),
  ),
});
export type QualityFlagList = z.infer<typeof qualityFlagList>;

/** `GET /v1/figures/revisions`: figures with their revision history (oldest first). */
export const figureRevisionsList = z.array(
  z.object({
    id: z.union([z.string(), z.number()]),
    source: z.string(),
    series: z.string(),
    municipality: z.string(),
    period: z.string(),
    value: z.coerce.number(),
    unit: z.string(),
    revision: z.coerce.number(),
    updatedAt: z.string(),
    revisions: z.array(
      z
        .object({
          revision: z.coerce.number(),
          previousValue: z.coerce.number(),
          value: z.coerce.number(),
          batchId: z.string().nullable().optional(),
          revisedAt: z.string(),
        })
        .loose(),
    ),
  }),
);
export type FigureWithRevisions = z.infer<typeof figureRevisionsList>[number];

const pullRun = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  pullId: z.string().nullable().optional(),
  table: z.string(),
  trigger: z.string().nullable().optional(),
  attempt: z.coerce.number().nullable().optional(),
  status: z.string(),
  periods: z.array(z.string()).nullable().optional(),
  importId: z.string().nullable().optional(),
  withheld: z.coerce.number().nullable().optional(),
  error: z.string().nullable().optional(),
  willRetry: z.boolean().nullable().optional(),
  startedAt: z.string(),
  finishedAt: z.string().nullable().optional(),
});
export type PullRun = z.infer<typeof pullRun>;
export const pullRunList = z.array(pullRun);

/** `GET /v1/pulls`: the configured schedule with each table's last run. */
export const pullSchedule = z.object({
  baseUrl: z.string(),
  timeZone: z.string(),
  pulls: z.array(
    z.looseObject({
      table: z.string(),
      cron: z.string(),
      areas: z.union([z.literal('*'), z.array(z.string())]).optional(),
      periods: z.union([z.object({ latest: z.number() }), z.array(z.string())]).optional(),
      kind: z.string().optional(),
      lastRun: pullRun.partial({ table: true }).nullable().optional(),
    }),
  ),
  tables: z.array(z.string()),
});
export type PullSchedule = z.infer<typeof pullSchedule>;

/** `POST /v1/pulls/:table/run` (202). */
export const pullStarted = z.object({ jobId: z.string(), pullId: z.string() });
