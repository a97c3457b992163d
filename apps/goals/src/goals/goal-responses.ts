import { z } from 'zod';
import { explanation, goalRule } from '@pejling/contracts';

const iso = z.string().describe('ISO 8601 date-time');

/** A goal as GET /v1/goals answers it (GOAL_VIEW in goals.repository.ts), for the OpenAPI document. */
export const goalViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  municipality: z.string(),
  indicator: z.string(),
  rule: goalRule,
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  severity: z.enum(['critical', 'major', 'minor']),
  hysteresis: z.number().int(),
  evaluationPeriod: z.string(),
  precision: z.number().int().nullable(),
  horizon: z.unknown().nullable(),
  applicability: z.unknown().nullable(),
  owner: z.object({ id: z.string().uuid().nullable(), name: z.string(), email: z.string().nullable(), webhookUrl: z.string().nullable() }),
  state: z.string(),
  statePeriod: z.string().nullable(),
  stateSince: iso.nullable(),
  explanation,
  planId: z.string().nullable(),
  planGoalId: z.string().nullable(),
  focusArea: z.string().nullable(),
  text: z.string().nullable(),
  version: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});

/** PUT /v1/plans/{id} (PlanPutResult). */
export const planPutResultSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  changed: z.boolean(),
  effectiveFrom: z.string(),
  goals: z.object({ created: z.number().int(), changed: z.number().int(), removed: z.number().int(), unchanged: z.number().int() }),
});
