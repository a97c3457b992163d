import { z } from 'zod';

export const DELIVERY_STATUSES = ['grouping', 'pending', 'sending', 'retrying', 'delivered', 'dead', 'skipped'] as const;
export const DELIVERY_CHANNELS = ['email', 'webhook', 'teams', 'slack'] as const;

const attempt = z.looseObject({
  attempt: z.number(),
  startedAt: z.string().nullable().optional(),
  finishedAt: z.string().nullable().optional(),
  outcome: z.string().nullable().optional(),
  detail: z.string().nullable().optional(),
});

/** `GET /v1/deliveries` of the notifications service. */
export const deliveryRows = z.array(
  z.looseObject({
    id: z.string(),
    channel: z.string(),
    target: z.string().nullable(),
    recipientName: z.string().nullable().optional(),
    status: z.string(),
    attempts: z.number(),
    lastError: z.string().nullable().optional(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable().optional(),
    municipality: z.string().nullable().optional(),
    eventType: z.string().nullable().optional(),
    goalId: z.string().nullable().optional(),
    attemptLog: z.array(attempt).default([]),
  }),
);

/** `GET /v1/deliveries/counts`. */
export const deliveryCounts = z.looseObject({
  total: z.number(),
  byStatus: z.record(z.string(), z.number()),
  byChannel: z.record(z.string(), z.number()).optional(),
});

export interface DeliveryFilter {
  status?: string;
  channel?: string;
  goal?: string;
  municipality?: string;
  since?: string;
}
