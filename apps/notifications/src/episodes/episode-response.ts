import { z } from 'zod';

/** An episode as the API answers it (EpisodeView: these fields and more), for the OpenAPI document. */
export const episodeViewSchema = z
  .object({ id: z.string().uuid(), goalId: z.string().uuid(), municipality: z.string(), status: z.string() })
  .catchall(z.unknown());

/** An episode with its events (GET /v1/episodes/{id}). */
export const episodeEventSchema = z.object({
  episodeId: z.string().uuid().optional(),
  type: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  note: z.string().nullable(),
  details: z.unknown(),
});

/** An alert received for a goal with what became of it (goalHistory). */
const goalAlertSchema = z.object({
  id: z.string().uuid(),
  eventId: z.string(),
  eventType: z.string(),
  kind: z.string(),
  period: z.string().nullable(),
  historical: z.boolean().nullable(),
  outcome: z.string().nullable().describe('delivered, repeated, silenced, historical…'),
  outcomeDetail: z.string().nullable(),
  episodeId: z.string().uuid().nullable(),
  explanation: z.unknown(),
  receivedAt: z.string(),
  municipality: z.string(),
});

/** GET /v1/goals/{goalId}/history: alerts and episodes, each episode with its timeline. */
export const goalHistorySchema = z.object({
  goalId: z.string().uuid(),
  alerts: z.array(goalAlertSchema),
  episodes: z.array(episodeViewSchema.extend({ history: z.array(episodeEventSchema) })),
});
