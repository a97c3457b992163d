import { z } from 'zod';

const bilingual = z.object({ da: z.string(), en: z.string() });

/** `GET /v1/goals/:id` of the goals service. */
export const goalResponse = z.looseObject({
  id: z.string(),
  name: z.string(),
  municipality: z.string(),
  indicator: z.string(),
  rule: z.unknown(),
  direction: z.string().nullable().optional(),
  severity: z.string().nullable().optional(),
  hysteresis: z.number().nullable().optional(),
  state: z.string(),
  statePeriod: z.string().nullable().optional(),
  stateSince: z.string().nullable().optional(),
  explanation: bilingual.nullable().optional(),
  planId: z.string().nullable().optional(),
  planGoalId: z.string().nullable().optional(),
  focusArea: z.string().nullable().optional(),
  text: z.string().nullable().optional(),
  version: z.number().optional(),
  owner: z.looseObject({ id: z.string().nullable().optional(), name: z.string().nullable().optional() }).nullable().optional(),
});
export type GoalResponse = z.infer<typeof goalResponse>;

const basis = z.looseObject({}).nullable().optional();
const benchmarks = z
  .looseObject({
    national: z.number().nullable().optional(),
    cluster: z.number().nullable().optional(),
    nationalBasis: basis,
    clusterBasis: basis,
  })
  .nullable()
  .optional();

/** `GET /v1/goals/:id/evaluations`: newest first; `current` marks the judgement that stands for its period. */
export const evaluationsResponse = z.array(
  z.looseObject({
    id: z.string(),
    period: z.string(),
    value: z.number().nullable(),
    required: z.number().nullable().optional(),
    gap: z.number().nullable().optional(),
    state: z.string(),
    transition: z.string().nullable().optional(),
    reason: z.string().nullable().optional(),
    benchmarks,
    explanation: bilingual.nullable().optional(),
    inputs: z
      .looseObject({ parts: z.record(z.string(), z.number()).nullable().optional() })
      .nullable()
      .optional(),
    kind: z.string().optional(),
    current: z.boolean(),
    evaluatedAt: z.string(),
  }),
);
export type Evaluation = z.infer<typeof evaluationsResponse>[number];

/** `GET /v1/goals/:id/versions`. */
export const versionsResponse = z.array(
  z.looseObject({
    version: z.number(),
    effectiveFrom: z.string(),
    author: z.string().nullable(),
    createdAt: z.string(),
    definition: z.looseObject({ rule: z.unknown().optional() }).nullable().optional(),
  }),
);

const episodeEvent = z.looseObject({
  type: z.string(),
  at: z.string(),
  actor: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  details: z.unknown().optional(),
});

export const episodeSchema = z.looseObject({
  id: z.string(),
  goalId: z.string().nullable().optional(),
  kind: z.string(),
  status: z.string(),
  municipality: z.string().nullable().optional(),
  planId: z.string().nullable().optional(),
  openedAt: z.string(),
  goalName: z.string().nullable().optional(),
  latestPeriod: z.string().nullable().optional(),
  remindersSent: z.number().optional(),
  acknowledgement: z.looseObject({ by: z.string().nullable(), note: z.string().nullable(), at: z.string() }).nullable().optional(),
  resolvedAt: z.string().nullable().optional(),
  resolution: z.string().nullable().optional(),
  recipients: z
    .array(z.looseObject({ key: z.string(), name: z.string().nullable().optional() }))
    .nullable()
    .optional(),
  history: z.array(episodeEvent).optional(),
});
export type Episode = z.infer<typeof episodeSchema>;

/** `GET /v1/goals/:goalId/history` of the notifications service. */
export const historyResponse = z.object({
  alerts: z.array(
    z.looseObject({
      id: z.string(),
      eventType: z.string(),
      kind: z.string(),
      period: z.string().nullable(),
      outcome: z.string(),
      outcomeDetail: z.unknown().optional(),
      receivedAt: z.string(),
    }),
  ),
  episodes: z.array(episodeSchema),
});
export type GoalHistory = z.infer<typeof historyResponse>;
