import { z } from 'zod';

/**
 * What an integrator may subscribe to, as the notifications service decides it (goal, pull and
 * notification events and figure.flagged). The console may not import the contracts, so the list
 * is written out here; the service validates every choice, so a stale list cannot subscribe to
 * something it must not, only miss a new type (the families cover those).
 */
export const SUBSCRIBABLE_EVENT_TYPES = [
  'figure.flagged',
  'pull.failed',
  'pull.completed',
  'goal.evaluated',
  'goal.breached',
  'goal.recovered',
  'goal.at-risk',
  'goal.stale',
  'goal.corrected',
  'notification.delivery-failed',
  'notification.endpoint-disabled',
  'notification.episode-acknowledged',
  'notification.subscription-disabled',
];
export const EVENT_TYPE_CHOICES = ['*', 'goal.*', 'pull.*', 'notification.*', ...SUBSCRIBABLE_EVENT_TYPES];

export const subscriptionRecord = z.looseObject({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  municipalities: z.array(z.string()).nullable(),
  description: z.string(),
  contactEmail: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  consecutiveFailures: z.number(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
});
export type SubscriptionRecord = z.infer<typeof subscriptionRecord>;
/** `GET /v1/subscriptions`. */
export const subscriptionList = z.array(subscriptionRecord);
/** `POST /v1/subscriptions` 201: the secret, this once. */
export const subscriptionCreated = z.object({ subscription: subscriptionRecord, secret: z.string().startsWith('whsec_') });
/** `POST /v1/subscriptions/:id/rotate-secret`: the new secret, once; the old one signs until then. */
export const secretRotated = z.object({ secret: z.string().startsWith('whsec_'), previousSecretValidUntil: z.string() });
/** `POST /v1/subscriptions/:id/replay` 202. */
export const replayPlanned = z.looseObject({ replayed: z.number(), since: z.string(), truncated: z.boolean() });

const attempt = z.looseObject({
  attempt: z.number(),
  startedAt: z.string(),
  outcome: z.string(),
  statusCode: z.number().nullable(),
  detail: z.string(),
});
/** `GET /v1/subscriptions/:id/deliveries`: newest first, each with its attempts. */
export const subscriptionDeliveries = z.array(
  z.looseObject({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    replay: z.boolean(),
    status: z.string(),
    attempts: z.number(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    attemptLog: z.array(attempt).default([]),
  }),
);
export type SubscriptionDelivery = z.infer<typeof subscriptionDeliveries>[number];

/** The secret shown once, after a creation or a rotation. */
export interface SecretOnce {
  secret: string;
  previousValidUntil?: string;
}
