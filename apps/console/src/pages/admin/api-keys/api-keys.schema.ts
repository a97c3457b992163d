import { z } from 'zod';

export const KEY_ROLES = ['integrator', 'viewer', 'operator', 'admin'] as const;

export const apiKeyRecord = z.looseObject({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecord>;
export const apiKeyList = z.array(apiKeyRecord);
/** `POST /v1/api-keys` 201: the key itself, once. */
export const apiKeyCreated = z.object({ key: z.string().startsWith('pjl_'), record: apiKeyRecord });
