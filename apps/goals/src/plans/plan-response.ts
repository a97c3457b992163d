import { z } from 'zod';

const iso = z.string().describe('ISO 8601 date-time');

/** A row of GET /v1/plans (ListPlans). */
export const planSummarySchema = z.object({
  id: z.string(),
  municipality: z.string(),
  title: z.string(),
  currentVersion: z.number().int(),
  updatedAt: iso,
  goals: z.number().int(),
});

/** One version in a plan's history (PlanVersionListing). */
export const planVersionListingSchema = z.object({
  version: z.number().int(),
  effectiveFrom: z.string().describe('YYYY-MM'),
  author: z.string(),
  createdAt: iso,
});

/** GET /v1/plans/{id} and /versions/{version} (GetPlan): the stored plan file is open JSON. */
export const planViewSchema = z.object({
  document: z.looseObject({}).describe('The plan file as stored (masked for the caller)'),
  version: z.number().int(),
  author: z.string(),
  effectiveFrom: z.string(),
  createdAt: iso,
  versions: z.array(planVersionListingSchema),
});

/** POST /v1/plans/validate (PlanValidation). */
export const planValidationOkSchema = z.object({
  ok: z.literal(true),
  plan: z.object({ id: z.string(), name: z.string(), goals: z.number().int() }),
});

/** The plan file format as JSON Schema (open JSON). */
export const planJsonSchemaSchema = z.looseObject({}).describe('A JSON Schema (draft 2020-12) document');
