import { z } from 'zod';

const iso = z.string().describe('ISO 8601 date-time');

/** A generic webhook endpoint (WebhookEndpoint; dates serialised as ISO strings). */
export const webhookEndpointViewSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  legacySignature: z.boolean().describe('Also sends the old Pejling-Signature header'),
  registeredBy: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
});

/** POST /v1/webhook-endpoints: the secret is shown this once. */
export const webhookEndpointRegisteredSchema = z.object({ endpoint: webhookEndpointViewSchema, secret: z.string() });
