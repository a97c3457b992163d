import { findMunicipality } from '@pejling/domain';
import { z } from 'zod';
import { CONSOLE_ROLES } from '../web/viewer';

/** Municipality scope: `*` (all) or 3-digit codes of the registry, given as a list or "147, 101". */
export const municipalityScope = z
  .preprocess(
    (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
    z.array(z.string()).min(1, 'choose at least one municipality, or * for all'),
  )
  .superRefine((codes, context) => {
    if (codes.includes('*') && codes.length > 1) context.addIssue({ code: 'custom', message: '* (all municipalities) cannot be combined with codes' });
    for (const code of codes) if (code !== '*' && (!/^\d{3}$/.test(code) || !findMunicipality(code))) context.addIssue({ code: 'custom', message: `'${code}' is not a municipality code` });
  });

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address'),
  name: z.string().trim().min(1, 'must be given').max(200),
  role: z.enum(CONSOLE_ROLES, { error: 'must be viewer, operator or admin' }),
  municipalities: municipalityScope,
  password: z.string().min(12, 'must be at least 12 characters').max(200),
  ownerId: z.uuid('must be an owner id').nullable().optional(),
  recipientId: z.uuid('must be a recipient id').nullable().optional(),
});
export type NewUserInput = z.infer<typeof newUserInput>;
