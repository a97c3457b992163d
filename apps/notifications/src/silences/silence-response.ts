import { z } from 'zod';

/** A silence as the API answers it (SilenceView), for the OpenAPI document. */
export const silenceViewSchema = z.object({
  id: z.string().uuid(),
  planId: z.string().nullable(),
  goalId: z.string().uuid().nullable(),
  municipality: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  reason: z.string(),
  author: z.string(),
  createdAt: z.string(),
  expiredAt: z.string().nullable(),
});
