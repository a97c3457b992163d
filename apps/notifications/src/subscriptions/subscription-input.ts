import { z } from 'zod';
import { isEventTypePattern, SUBSCRIBABLE_EVENT_TYPES } from './event-types';

const url = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => /^https?:$/.test(new URL(value).protocol), 'must be an http:// or https:// URL')
  .max(2000);
const eventTypes = z
  .array(
    z
      .string()
      .refine(isEventTypePattern, `must be one of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}, a family such as goal.* or notification.*, or *`),
  )
  .min(1, 'name at least one event type')
  .max(50)
  .transform((types) => [...new Set(types)]);
const municipalities = z
  .array(z.string().regex(/^\d{3}$/, 'must be 3-digit municipality codes'))
  .min(1, 'leave it out for every municipality, or name at least one')
  .transform((codes) => [...new Set(codes)].sort());

export const createSubscriptionSchema = z.object({
  url,
  eventTypes,
  municipalities: municipalities.optional(),
  description: z.string().trim().min(3, 'must say what it is for (at least 3 characters)').max(500),
  contactEmail: z.string().email('must be an email address').optional(),
});
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionSchema>;

export const updateSubscriptionSchema = z
  .object({
    url,
    eventTypes,
    municipalities: municipalities.nullable(),
    description: z.string().trim().min(3).max(500),
    contactEmail: z.string().email('must be an email address').nullable(),
    /** true enables a (possibly auto-)disabled subscription and resets its failure count. */
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateSubscriptionInput = z.infer<typeof updateSubscriptionSchema>;

export const replaySchema = z.object({
  since: z
    .string()
    .datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T00:00:00Z' })
    .transform((value) => new Date(value))
    .refine((value) => value.getTime() <= Date.now(), 'must not be in the future'),
});
