import { z } from 'zod';
import { contactViewSchema } from '@pejling/contracts';

/** An owner as the API answers it (OwnerView), for the OpenAPI document. */
export const ownerViewSchema = contactViewSchema.extend({
  goals: z.number().int(),
  municipalities: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ownerSnapshotResultSchema = z.object({ published: z.number().int() });
