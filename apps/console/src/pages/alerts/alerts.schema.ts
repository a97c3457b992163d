import { z } from 'zod';
import { episodeSchema } from '../../services/goals-responses';

export const episodesResponse = z.array(episodeSchema);

export const silenceSchema = z.looseObject({
  id: z.string(),
  planId: z.string().nullable().optional(),
  goalId: z.string().nullable().optional(),
  municipality: z.string().nullable().optional(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string().optional(),
  reason: z.string(),
  author: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  expiredAt: z.string().nullable().optional(),
});
export const silencesResponse = z.array(silenceSchema);
export type Silence = z.infer<typeof silenceSchema>;
