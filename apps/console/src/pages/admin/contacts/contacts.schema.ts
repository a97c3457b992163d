import { z } from 'zod';
import { maskUrl } from '../shared/mask-url';

export const URL_FIELDS = ['webhookUrl', 'teamsWebhookUrl', 'slackWebhookUrl'] as const;
export type UrlField = (typeof URL_FIELDS)[number];

const channels = {
  id: z.string(),
  name: z.string(),
  email: z.string().nullable().optional(),
  webhookUrl: z.string().nullable().optional(),
  teamsWebhookUrl: z.string().nullable().optional(),
  slackWebhookUrl: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  timeZone: z.string().nullable().optional(),
};

/** An owner of the goals service (`/v1/owners`). */
export const ownerRow = z.looseObject({ ...channels, goals: z.number().optional(), municipalities: z.array(z.string()).default([]) });
/** A recipient of the notifications service (`/v1/recipients`). */
export const recipientRow = z.looseObject({
  ...channels,
  digest: z.string().nullable().optional(),
  digestHour: z.number().nullable().optional(),
});

export type MaskedUrls = Record<UrlField, string | null>;

/**
 * What a page may show of a contact: everything but its webhook URLs, which are replaced by their
 * masked form here, so a template cannot print a stored URL by mistake.
 */
export function masked<T extends { webhookUrl?: string | null; teamsWebhookUrl?: string | null; slackWebhookUrl?: string | null }>(
  row: T,
): Omit<T, UrlField> & { masked: MaskedUrls } {
  const { webhookUrl, teamsWebhookUrl, slackWebhookUrl, ...rest } = row;
  return {
    ...rest,
    masked: { webhookUrl: maskUrl(webhookUrl), teamsWebhookUrl: maskUrl(teamsWebhookUrl), slackWebhookUrl: maskUrl(slackWebhookUrl) },
  };
}
