import { z } from 'zod';
import { BOARD_STATES } from './get-board';

const boardGoal = z.object({
  id: z.string().uuid(),
  planGoalId: z.string().nullable(),
  name: z.string(),
  text: z.string().nullable(),
  municipality: z.string(),
  indicator: z.string(),
  unit: z.string().nullable(),
  state: z.string(),
  statePeriod: z.string().nullable(),
  stateSince: z.string().nullable(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  gap: z.number().nullable(),
  direction: z.string(),
  owners: z.array(z.object({ id: z.string(), name: z.string() })),
  sparkline: z.array(z.object({ period: z.string(), value: z.number() })),
});

/** GET /v1/board (Board in get-board.ts), for the OpenAPI document. */
export const boardSchema = z.object({
  counts: z.record(z.enum(BOARD_STATES), z.number().int()),
  plans: z.array(
    z.object({
      id: z.string().nullable(),
      name: z.string().nullable(),
      municipality: z.string().nullable(),
      focusAreas: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), goals: z.array(boardGoal) })),
    }),
  ),
});
