import { z } from 'zod';

/** An episode as the API answers it (EpisodeView: these fields and more), for the OpenAPI document. */
export const episodeViewSchema = z
  .object({ id: z.string().uuid(), goalId: z.string().uuid(), municipality: z.string(), status: z.string() })
  .catchall(z.unknown());

/** An episode with its events (GET /v1/episodes/{id}). */
export const episodeEventSchema = z.object({ episodeId: z.string().uuid().optional(), type: z.string(), at: z.string(), actor: z.string().nullable(), note: z.string().nullable(), details: z.unknown() });
