import { z } from 'zod';

/** Webhook targets: absolute http(s) URLs without credentials in them (secrets belong in the signature). */
export const webhookUrlSchema = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => ['http:', 'https:'].includes(new URL(value).protocol), 'must use http or https')
  .refine((value) => !new URL(value).username && !new URL(value).password, 'must not contain credentials');

/** An IANA time zone such as Europe/Copenhagen. */
export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Copenhagen');

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}
