import { z } from 'zod';
import { findIndicator, findMunicipality } from '@pejling/domain';

/** Webhook targets must be absolute http(s) URLs without credentials in them. */
const webhookUrl = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => ['http:', 'https:'].includes(new URL(value).protocol), 'must use http or https')
  .refine((value) => !new URL(value).username && !new URL(value).password, 'must not contain credentials');

export const ownerSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    email: z.string().trim().email('must be an email address').nullish(),
    webhookUrl: webhookUrl.nullish(),
  })
  .refine((owner) => owner.email || owner.webhookUrl, { message: 'needs an email or a webhookUrl to be alerted on', path: ['email'] });

export const goalSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(300),
  municipality: z.string().refine((code) => !!findMunicipality(code), 'is not a Danish municipality code'),
  indicator: z.string().refine((id) => !!findIndicator(id), 'is not a known indicator (see GET /v1/indicators/definitions on the indicators service)'),
  comparator: z.enum(['lt', 'lte', 'gt', 'gte'], { error: "must be one of 'lt', 'lte', 'gt', 'gte'" }),
  target: z.number({ error: 'must be a number' }).finite(),
  owner: ownerSchema,
});

export type GoalInput = z.infer<typeof goalSchema>;
export const goalPatchSchema = goalSchema.partial().refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');
export type GoalPatch = z.infer<typeof goalPatchSchema>;
