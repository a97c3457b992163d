import { z } from 'zod';
import { ROLES } from '@pejling/platform';

/** An API key as listed (ApiKeyListing); the secret itself is never listed. */
export const apiKeyListingSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
