import { z } from 'zod';
import { channelType } from './goal-evaluated';

/**
 * A delivery exhausted its attempts (or was refused for good) and is dead-lettered: it stays
 * visible at GET /v1/deliveries?status=dead and nobody will retry it.
 */
export const deliveryFailedV1 = z.object({
  deliveryId: z.string().uuid(),
  channel: channelType,
  /** The recipient's stable key, e.g. `owner:<uuid>` or `recipient:<uuid>`. */
  recipient: z.string().min(1),
  recipientName: z.string(),
  attempts: z.number().int().min(0),
  reason: z.string().min(1),
  goalIds: z.array(z.string().uuid()),
  episodeIds: z.array(z.string().uuid()),
});
export type DeliveryFailedV1 = z.infer<typeof deliveryFailedV1>;

/**
 * v2: no recipient name (the topic is public); `recipient` is the key (`owner:<uuid>`,
 * `recipient:<uuid>`), and `reason` has channel URLs and addresses masked.
 */
export const deliveryFailedV2 = deliveryFailedV1.omit({ recipientName: true });
export type DeliveryFailedV2 = z.infer<typeof deliveryFailedV2>;
export type DeliveryFailed = DeliveryFailedV2;

export function upcastDeliveryFailedV1(v1: DeliveryFailedV1): DeliveryFailedV2 {
  const { recipientName: _name, ...rest } = v1;
  return rest;
}

/** A webhook answered 410 Gone: the endpoint is disabled until an admin enables it again. */
export const endpointDisabledV1 = z.object({
  endpointKey: z.string().min(1),
  channel: channelType,
  /** The URL with its path cut to the host, so secrets in Teams/Slack URLs do not travel on. */
  endpoint: z.string().min(1),
  recipient: z.string().min(1),
  recipientName: z.string(),
  statusCode: z.number().int(),
  deliveryId: z.string().uuid(),
});
export type EndpointDisabledV1 = z.infer<typeof endpointDisabledV1>;

/** v2: no recipient name (the topic is public); `recipient` is the key. */
export const endpointDisabledV2 = endpointDisabledV1.omit({ recipientName: true });
export type EndpointDisabledV2 = z.infer<typeof endpointDisabledV2>;
export type EndpointDisabled = EndpointDisabledV2;

export function upcastEndpointDisabledV1(v1: EndpointDisabledV1): EndpointDisabledV2 {
  const { recipientName: _name, ...rest } = v1;
  return rest;
}

/** Someone acknowledged an episode (a breach or at-risk warning) with a note on what is being done. */
export const episodeAcknowledgedV1 = z.object({
  episodeId: z.string().uuid(),
  goalId: z.string().uuid(),
  kind: z.enum(['breach', 'at_risk']),
  acknowledgedBy: z.string().min(1),
  note: z.string().min(1),
  via: z.enum(['api', 'link']),
  acknowledgedAt: z.string().datetime({ offset: true }),
});
export type EpisodeAcknowledgedV1 = z.infer<typeof episodeAcknowledgedV1>;

/**
 * An integrator's webhook subscription failed a configured run of attempts in a row
 * (`SUBSCRIPTION_MAX_FAILURES`) and was disabled; its contact is emailed. PATCH it with
 * `{ "enabled": true }` to start again (and replay what it missed).
 */
export const subscriptionDisabledV1 = z.object({
  subscriptionId: z.string().uuid(),
  description: z.string(),
  /** The URL cut to its origin: the path may carry a token. */
  endpoint: z.string().min(1),
  consecutiveFailures: z.number().int().min(1),
  lastError: z.string().min(1),
  disabledAt: z.string().datetime({ offset: true }),
});
export type SubscriptionDisabledV1 = z.infer<typeof subscriptionDisabledV1>;

/**
 * v2: who acknowledged is no longer a name or email address (the topic is public): `recipient` is the
 * recipient key of a one-click link (`owner:<uuid>`, `recipient:<uuid>`), null through the API.
 */
export const episodeAcknowledgedV2 = episodeAcknowledgedV1
  .omit({ acknowledgedBy: true })
  .extend({ recipient: z.string().min(1).nullable() });
export type EpisodeAcknowledgedV2 = z.infer<typeof episodeAcknowledgedV2>;
export type EpisodeAcknowledged = EpisodeAcknowledgedV2;

export function upcastEpisodeAcknowledgedV1(v1: EpisodeAcknowledgedV1): EpisodeAcknowledgedV2 {
  const { acknowledgedBy: _by, ...rest } = v1;
  return { ...rest, recipient: null };
}
