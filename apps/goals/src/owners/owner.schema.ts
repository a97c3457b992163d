import { z } from 'zod';
import { webhookUrlSchema } from '@pejling/domain-kernel';

/** An owner as a goal, a plan or the owners API names it: who is alerted, and on which channels. */
export const ownerSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    email: z.string().trim().email('must be an email address').nullish(),
    webhookUrl: webhookUrlSchema.nullish(),
    /** A Teams Workflows webhook ("When a Teams webhook request is received"); it receives Adaptive Cards. */
    teamsWebhookUrl: webhookUrlSchema.nullish(),
    /** A Slack incoming webhook; it receives Block Kit messages. */
    slackWebhookUrl: webhookUrlSchema.nullish(),
  })
  .refine((owner) => owner.email || owner.webhookUrl || owner.teamsWebhookUrl || owner.slackWebhookUrl, {
    message: 'needs an email, webhookUrl, teamsWebhookUrl or slackWebhookUrl to be alerted on',
    path: ['email'],
  });
