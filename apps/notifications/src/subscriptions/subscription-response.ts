import { z } from 'zod';

const iso = z.string().describe('ISO 8601 date-time');

/** A subscription as the API answers it (Subscription; dates serialised as ISO strings). */
export const subscriptionViewSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  municipalities: z.array(z.string()).nullable().describe('null: every municipality'),
  description: z.string(),
  contactEmail: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  consecutiveFailures: z.number().int(),
  disabledAt: iso.nullable(),
  disabledReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: iso,
  updatedAt: iso,
});

/** POST /v1/subscriptions: the secret (`whsec_…`) is shown this once. */
export const subscriptionCreatedSchema = z.object({ subscription: subscriptionViewSchema, secret: z.string() });

export const replayResultSchema = z.object({ replayed: z.number().int(), since: iso, truncated: z.boolean() });

/** One delivery of a subscription with its attempts (SubscriptionDelivery). */
export const subscriptionDeliverySchema = z.object({
  id: z.string().uuid(),
  subscriptionId: z.string().uuid(),
  eventId: z.string().uuid(),
  eventType: z.string(),
  replay: z.boolean(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: iso,
  deliveredAt: iso.nullable(),
  attemptLog: z.array(
    z.object({
      attempt: z.number().int(),
      startedAt: iso,
      finishedAt: iso,
      outcome: z.string(),
      statusCode: z.number().int().nullable(),
      detail: z.string(),
    }),
  ),
});
