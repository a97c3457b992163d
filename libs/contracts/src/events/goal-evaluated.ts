import { z } from 'zod';
import { comparator, explanation, goalState, monthPeriod, municipalityCode } from './common';

const rule = z.object({ kind: z.literal('threshold'), comparator, target: z.number().finite() });

/** Every evaluation of a goal, with its inputs and explanation (for BI and dashboards). */
export const goalEvaluatedV1 = z.object({
  evaluationId: z.string().uuid(),
  goalId: z.string().uuid(),
  goalName: z.string(),
  municipality: municipalityCode,
  indicatorId: z.string(),
  period: monthPeriod,
  value: z.number().finite(),
  rule,
  gap: z.number().finite(),
  state: goalState,
  previousState: goalState.nullable(),
  explanation,
});
export type GoalEvaluatedV1 = z.infer<typeof goalEvaluatedV1>;

const owner = z.object({
  name: z.string(),
  email: z.string().email().nullable(),
  webhookUrl: z.string().url().nullable(),
});

/** A goal changed state: met → breached (`goal.breached`) or breached → met (`goal.recovered`). */
export const goalTransitionV1 = goalEvaluatedV1.extend({
  transition: z.enum(['breach', 'recovery']),
  owner,
});
export type GoalTransitionV1 = z.infer<typeof goalTransitionV1>;
