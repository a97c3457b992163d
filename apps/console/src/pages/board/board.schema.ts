import { z } from 'zod';

export const GOAL_STATES = ['met', 'at_risk', 'breached', 'no_data', 'stale', 'not_applicable'] as const;
export type GoalState = (typeof GOAL_STATES)[number];

const boardGoal = z.object({
  id: z.string(),
  planGoalId: z.string().nullable().optional(),
  name: z.string(),
  text: z.string().nullable().optional(),
  municipality: z.string(),
  indicator: z.string(),
  unit: z.string().nullable().optional(),
  state: z.string(),
  statePeriod: z.string().nullable().optional(),
  stateSince: z.string().nullable().optional(),
  value: z.number().nullable().optional(),
  target: z.number().nullable().optional(),
  gap: z.number().nullable().optional(),
  direction: z.string().nullable().optional(),
  owners: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  sparkline: z.array(z.object({ period: z.string(), value: z.number().nullable() })).default([]),
});
export type BoardGoal = z.infer<typeof boardGoal>;

/** `GET /v1/board` of the goals service (plans → focus areas → goals, with counts per state). */
export const boardResponse = z.object({
  counts: z.record(z.string(), z.number()),
  plans: z.array(
    z.object({
      id: z.string().nullable(),
      name: z.string().nullable(),
      municipality: z.string().nullable(),
      focusAreas: z.array(z.object({ name: z.string().nullable(), goals: z.array(boardGoal) })),
    }),
  ),
});
export type Board = z.infer<typeof boardResponse>;
