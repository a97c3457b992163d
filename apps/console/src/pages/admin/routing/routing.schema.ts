import { z } from 'zod';

export const ROUTING_FIELDS = [
  'name',
  'planId',
  'municipality',
  'focusArea',
  'goalId',
  'severities',
  'kinds',
  'recipientIds',
  'enabled',
] as const;
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
export const KINDS = ['breach', 'at_risk', 'recovery', 'stale', 'data_quality', 'correction'] as const;

/** A routing rule of the notifications service (`/v1/routing-rules`). */
export const routingRule = z.looseObject({
  id: z.string(),
  name: z.string(),
  planId: z.string().nullable(),
  municipality: z.string().nullable(),
  focusArea: z.string().nullable(),
  goalId: z.string().nullable(),
  severities: z.array(z.string()).nullable().default([]),
  kinds: z.array(z.string()).nullable().default([]),
  recipientIds: z.array(z.string()),
  enabled: z.boolean(),
});
export type RoutingRule = z.infer<typeof routingRule>;
export const routingRules = z.array(routingRule);
export const recipientNames = z.array(z.looseObject({ id: z.string(), name: z.string() }));
export const planChoices = z.array(z.looseObject({ id: z.string(), title: z.string() }));
