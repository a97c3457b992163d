import type { ServiceName } from '../../../services/service-errors';
import { ownerRow, recipientRow } from './contacts.schema';

/** Owners live in the goals service, recipients in notifications; the pages treat them alike. */
export const CONTACT_KINDS = {
  owner: {
    service: 'goals' as ServiceName,
    path: '/v1/owners',
    schema: ownerRow,
    createFields: ['name', 'email', 'webhookUrl', 'teamsWebhookUrl', 'slackWebhookUrl'],
    editFields: ['email', 'webhookUrl', 'teamsWebhookUrl', 'slackWebhookUrl', 'language', 'timeZone'],
  },
  recipient: {
    service: 'notifications' as ServiceName,
    path: '/v1/recipients',
    schema: recipientRow,
    createFields: ['name', 'email', 'webhookUrl', 'teamsWebhookUrl', 'slackWebhookUrl', 'language', 'timeZone', 'digest', 'digestHour'],
    editFields: ['name', 'email', 'webhookUrl', 'teamsWebhookUrl', 'slackWebhookUrl', 'language', 'timeZone', 'digest', 'digestHour'],
  },
} as const;
export type ContactKind = keyof typeof CONTACT_KINDS;
