import { z } from 'zod';

/** Webhook targets: absolute http(s) URLs without credentials in them (secrets belong in the signature). */
// zod runs every refinement even after `.url()` failed, so each one parses defensively: a string that
// is no URL must be a 422 naming the field, not a TypeError (a 500).
export const webhookUrlSchema = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => ['http:', 'https:'].includes(parsedUrl(value)?.protocol ?? 'http:'), 'must use http or https')
  .refine((value) => !parsedUrl(value)?.username && !parsedUrl(value)?.password, 'must not contain credentials');

function parsedUrl(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

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

/**
 * The fields a contact (a goal's owner, a recipient) is reached on, as an API takes them: each API
 * builds its input from these and its own fields, so both check a channel the same way.
 */
export const contactChannelFields = {
  email: z.string().trim().email('must be an email address').nullable(),
  webhookUrl: webhookUrlSchema.nullable(),
  teamsWebhookUrl: webhookUrlSchema.nullable(),
  slackWebhookUrl: webhookUrlSchema.nullable(),
  language: z.enum(['da', 'en']),
  timeZone: timeZoneSchema,
};
