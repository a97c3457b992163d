import { z } from 'zod';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from './deliveries.repository';

const iso = z.string().describe('ISO 8601 date-time');

/** One delivery of the log (listDeliveries), targets and errors masked for principals who do not see channels. */
export const deliveryViewSchema = z.object({
  id: z.string().uuid(),
  channel: z.enum(DELIVERY_CHANNELS),
  target: z.string().describe('Masked unless the caller sees channels'),
  recipientKey: z.string().nullable(),
  recipientName: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: iso,
  deliveredAt: iso.nullable(),
  municipality: z.string().nullable(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  goalId: z.string().uuid().nullable(),
  transition: z.string().nullable(),
  items: z.array(
    z.object({
      step: z.string(),
      episodeId: z.string().uuid().nullable(),
      goalId: z.string().uuid().nullable(),
      eventId: z.string().nullable(),
      eventType: z.string().nullable(),
    }),
  ),
  attemptLog: z.array(
    z.object({ attempt: z.number().int(), startedAt: iso, finishedAt: iso.nullable(), outcome: z.string(), detail: z.string().nullable() }),
  ),
});

/** GET /v1/deliveries/counts (DeliveryCounts). */
export const deliveryCountsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  byChannel: z.record(z.string(), z.number().int()),
});

export const deliveryRetriedSchema = z.object({ id: z.string().uuid(), status: z.literal('pending') });

/** The query the delivery log filters by (checked in the controller's filtersOf). */
export const deliveryQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  goal: z.string().uuid().optional(),
  goalId: z.string().uuid().optional().describe('Same as goal'),
  episodeId: z.string().uuid().optional(),
  recipient: z.string().optional().describe('A recipient key such as owner:<id>, or an email / URL target'),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  municipality: z.string().optional().describe('3-digit municipality code'),
  since: z.string().optional().describe('ISO 8601 date-time of creation'),
  until: z.string().optional().describe('ISO 8601 date-time of creation'),
});

/** An endpoint disabled after a 410 Gone (GET /v1/endpoints/disabled). */
export const disabledEndpointSchema = z.object({
  endpointKey: z.string(),
  channel: z.string(),
  target: z.string().describe('Masked unless the caller sees channels'),
  statusCode: z.number().int().nullable(),
  reason: z.string().nullable(),
  deliveryId: z.string().uuid().nullable(),
  recipientKey: z.string().nullable(),
  disabledAt: iso,
});
