import { findMunicipality } from '@pejling/domain-kernel';
import { z } from 'zod';
import type { Lang } from '../web/language';
import { CONSOLE_ROLES } from '../web/viewer';

const MESSAGES = {
  da: {
    email: 'E-mailadresse: skriv en gyldig e-mailadresse.',
    name: 'Navn: skriv brugerens navn.',
    role: 'Rolle: vælg læser, operatør eller administrator.',
    scopeEmpty: 'Kommuner: skriv mindst én kommunekode, eller * for alle.',
    scopeMixed: 'Kommuner: * (alle kommuner) kan ikke kombineres med koder.',
    scopeUnknown: (code: string) => `Kommuner: '${code}' er ikke en kommunekode.`,
    password: 'Første adgangskode: skal være mindst 12 tegn.',
    passwordLong: 'Første adgangskode: må højst være 200 tegn.',
    owner: 'Ansvarlig: vælg en ansvarlig fra listen.',
    recipient: 'Modtager: vælg en modtager fra listen.',
  },
  en: {
    email: 'Email address: enter a valid email address.',
    name: 'Name: enter the user’s name.',
    role: 'Role: choose viewer, operator or admin.',
    scopeEmpty: 'Municipalities: enter at least one municipality code, or * for all.',
    scopeMixed: 'Municipalities: * (all municipalities) cannot be combined with codes.',
    scopeUnknown: (code: string) => `Municipalities: '${code}' is not a municipality code.`,
    password: 'First password: must be at least 12 characters.',
    passwordLong: 'First password: must be at most 200 characters.',
    owner: 'Owner: choose an owner from the list.',
    recipient: 'Recipient: choose a recipient from the list.',
  },
};

const blankToNull = (value: unknown) => (value === '' ? null : value);

/** Municipality scope: `*` (all) or 3-digit codes of the registry, given as a list or "147, 101". */
export function municipalityScope(lang: Lang = 'en') {
  const m = MESSAGES[lang];
  return z
    .preprocess(
      (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
      z.array(z.string(), { error: m.scopeEmpty }).min(1, m.scopeEmpty),
    )
    .superRefine((codes, context) => {
      if (codes.includes('*') && codes.length > 1) context.addIssue({ code: 'custom', message: m.scopeMixed });
      for (const code of codes)
        if (code !== '*' && (!/^\d{3}$/.test(code) || !findMunicipality(code)))
          context.addIssue({ code: 'custom', message: m.scopeUnknown(code) });
    });
}

/** What can be changed on an existing user (the password only by the user, through a reset). */
export function userChangesInput(lang: Lang = 'en') {
  const m = MESSAGES[lang];
  return z.object({
    name: z.string({ error: m.name }).trim().min(1, m.name).max(200),
    role: z.enum(CONSOLE_ROLES, { error: m.role }),
    municipalities: municipalityScope(lang),
    ownerId: z.preprocess(blankToNull, z.uuid(m.owner).nullable()).optional(),
    recipientId: z.preprocess(blankToNull, z.uuid(m.recipient).nullable()).optional(),
  });
}

export function newUserInput(lang: Lang = 'en') {
  const m = MESSAGES[lang];
  return userChangesInput(lang).extend({
    email: z.string({ error: m.email }).trim().toLowerCase().email(m.email).max(320),
    password: z.string({ error: m.password }).min(12, m.password).max(200, m.passwordLong),
  });
}
export type NewUserInput = z.infer<ReturnType<typeof newUserInput>>;
