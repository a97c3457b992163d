import { z } from 'zod';

/** An owner as the API answers it (OwnerView), for the OpenAPI document. */
export const ownerViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  teamsWebhookUrl: z.string().nullable(),
  slackWebhookUrl: z.string().nullable(),
  language: z.enum(['da', 'en']),
  timeZone: z.string(),
  goals: z.number().int(),
  municipalities: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ownerSnapshotResultSchema = z.object({ published: z.number().int() });
