import { z } from 'zod';

/** `GET /v1/plans` of the goals service. */
export const planList = z.array(
  z.looseObject({
    id: z.string(),
    municipality: z.string(),
    title: z.string(),
    currentVersion: z.number(),
    updatedAt: z.string().nullable().optional(),
    goals: z.number().optional(),
  }),
);
export type PlanSummary = z.infer<typeof planList>[number];

/** `GET /v1/plans/:id/versions`, oldest first. */
export const planVersions = z.array(
  z.looseObject({ version: z.number(), effectiveFrom: z.string().nullable(), author: z.string().nullable(), createdAt: z.string() }),
);
export type PlanVersion = z.infer<typeof planVersions>[number];

/** `POST /v1/plans/validate` 200. */
export const planValidated = z.object({ ok: z.literal(true), plan: z.object({ id: z.string(), name: z.string(), goals: z.number() }) });

/** `PUT /v1/plans/:id` 200/201. */
export const planSaved = z.looseObject({ id: z.string(), version: z.number(), changed: z.boolean() });

/** One problem of a plan file, where the service located it (line and column are 1-based, null for no place). */
export interface PlanProblem {
  line: number | null;
  column: number | null;
  path: string;
  message: string;
  /** The text of that line, to show next to the problem. */
  source?: string;
}
