import { z } from 'zod';
import { contactViewSchema } from '@pejling/contracts';
import { ALERT_KINDS } from '@pejling/domain-alerting';

const iso = z.string().describe('ISO 8601 date-time');

/** A recipient as the API answers it (channels masked unless the caller sees channels). */
export const recipientViewSchema = contactViewSchema.extend({
  digest: z.enum(['off', 'daily', 'weekly']),
  digestHour: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});

/** A routing rule (a routing_rules row); null matchers match all. */
export const routingRuleViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  planId: z.string().nullable(),
  municipality: z.string().nullable(),
  focusArea: z.string().nullable(),
  goalId: z.string().uuid().nullable(),
  severities: z.array(z.enum(['critical', 'major', 'minor'])),
  kinds: z.array(z.enum(ALERT_KINDS)),
  recipientIds: z.array(z.string().uuid()),
  enabled: z.boolean(),
  position: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});
