import type { Lang } from '../../web/language';

/** Words the Admin pages share (their sub-navigation and the overview). Each section keeps its own. */
const da = {
  title: 'Administration',
  intro:
    'Her styrer administratorer planer, ansvarlige, modtagere, routing, leverancer, API-nøgler, webhook-abonnementer og tjenesternes køer. Alle ændringer skrives i revisionsloggen.',
  subNav: 'Administration',
  sections: {
    plans: { name: 'Planer', about: 'Upload eller rediger en plan i YAML, se versioner og forskelle.' },
    owners: { name: 'Ansvarlige', about: 'Udvalg, teams og personer, som målene alarmerer.' },
    recipients: { name: 'Modtagere', about: 'Modtagere, som routingregler føjer til alarmer.' },
    routing: { name: 'Routing', about: 'Hvilke alarmer går til hvilke modtagere.' },
    endpoints: { name: 'Deaktiverede endepunkter', about: 'Endepunkter, der svarede 410 Gone; aktivér dem igen.' },
    deliveries: { name: 'Leverancelog', about: 'Hver besked og hvert forsøg; send døde leverancer igen.' },
    apiKeys: { name: 'API-nøgler', about: 'Nøgler til integrationer: opret og tilbagekald.' },
    subscriptions: { name: 'Webhook-abonnementer', about: 'Integrationers webhooks: opret, skift hemmelighed, send igen, se leverancer.' },
    queues: { name: 'Køer', about: 'Tjenesternes Bull-køer: job pr. tilstand, fejl og logs; send fejlede job igen.' },
  },
  cancel: 'Annuller',
  save: 'Gem',
  edit: 'Rediger',
  yes: 'Ja',
  no: 'Nej',
  none: '–',
  actions: 'Handlinger',
};
const en: typeof da = {
  title: 'Administration',
  intro:
    'Admins manage plans, owners, recipients, routing, deliveries, API keys, webhook subscriptions and the services’ queues here. Every change is written to the audit log.',
  subNav: 'Administration',
  sections: {
    plans: { name: 'Plans', about: 'Upload or edit a plan in YAML, see its versions and their differences.' },
    owners: { name: 'Owners', about: 'Committees, teams and people the goals alert.' },
    recipients: { name: 'Recipients', about: 'Recipients that routing rules add to alerts.' },
    routing: { name: 'Routing', about: 'Which alerts go to which recipients.' },
    endpoints: { name: 'Disabled endpoints', about: 'Endpoints that answered 410 Gone; enable them again.' },
    deliveries: { name: 'Delivery log', about: 'Every message and attempt; retry dead deliveries.' },
    apiKeys: { name: 'API keys', about: 'Keys for integrations: create and revoke.' },
    subscriptions: { name: 'Webhook subscriptions', about: 'Integrators’ webhooks: create, rotate the secret, replay, see deliveries.' },
    queues: { name: 'Queues', about: 'The services’ Bull queues: jobs by state, failures and logs; retry failed jobs.' },
  },
  cancel: 'Cancel',
  save: 'Save',
  edit: 'Edit',
  yes: 'Yes',
  no: 'No',
  none: '–',
  actions: 'Actions',
};
export type AdminTexts = typeof da;
export const ADMIN_TEXTS: Record<Lang, AdminTexts> = { da, en };

/** The sections in the order of the sub-navigation, with their paths. */
export const ADMIN_SECTIONS = [
  { key: 'plans', href: '/admin/plans' },
  { key: 'owners', href: '/admin/owners' },
  { key: 'recipients', href: '/admin/recipients' },
  { key: 'routing', href: '/admin/routing' },
  { key: 'endpoints', href: '/admin/endpoints' },
  { key: 'deliveries', href: '/admin/deliveries' },
  { key: 'apiKeys', href: '/admin/api-keys' },
  { key: 'subscriptions', href: '/admin/subscriptions' },
  { key: 'queues', href: '/admin/queues' },
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number]['key'];
