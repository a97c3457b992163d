import { z } from 'zod';

/**
 * A contact as the HTTP APIs answer it (goals' owners, notifications' recipients): who it is, the
 * channels it is reached on (masked for callers who may not see them), and its language and time
 * zone. Each API extends it with its own fields.
 */
export const contactViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  teamsWebhookUrl: z.string().nullable(),
  slackWebhookUrl: z.string().nullable(),
  language: z.enum(['da', 'en']),
  timeZone: z.string(),
});
