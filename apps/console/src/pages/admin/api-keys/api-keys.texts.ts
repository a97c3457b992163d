import type { Lang } from '../../../web/language';

const da = {
  title: 'API-nøgler',
  intro:
    'API-nøgler giver integrationer adgang til tjenesterne med en rolle. En nøgle ser alle kommuner. Nøglen vises kun én gang, når den oprettes.',
  empty: 'Der er endnu ingen API-nøgler. Opret en herunder til den første integration.',
  caption: 'API-nøgler, også tilbagekaldte',
  name: 'Navn',
  nameHint: 'Hvem eller hvad bruger nøglen, fx “Jobindsats-import”.',
  role: 'Rolle',
  roleNames: { admin: 'Administrator', operator: 'Operatør', viewer: 'Læser', integrator: 'Integration' },
  created: 'Oprettet',
  lastUsed: 'Senest brugt',
  state: 'Tilstand',
  active: 'Aktiv',
  revokedAt: (when: string) => `Tilbagekaldt ${when}`,
  create: 'Opret nøgle',
  createdKey: (name: string) => `Nøglen “${name}” er oprettet.`,
  copyHint:
    'Kopiér nøglen nu (markér feltet og tryk Ctrl+C / ⌘C) og gem den et sikkert sted. Den vises ikke igen; mister du den, så tilbagekald den og opret en ny.',
  keyLabel: 'Den nye API-nøgle',
  revoke: 'Tilbagekald',
  revokeTitle: 'Tilbagekald API-nøgle',
  revokeQuestion: (name: string) =>
    `Vil du tilbagekalde nøglen “${name}”? Integrationer, der bruger den, får straks afslag. Det kan ikke fortrydes.`,
  revokeConfirm: 'Ja, tilbagekald nøglen',
  revoked: 'Nøglen er tilbagekaldt.',
  notFound: 'Der er ingen aktiv nøgle med det id.',
  nameRequired: 'Skriv, hvem der bruger nøglen.',
  never: 'Aldrig',
};
const en: typeof da = {
  title: 'API keys',
  intro:
    'API keys give integrations access to the services with a role. A key sees every municipality. The key is shown once only, when it is created.',
  empty: 'There are no API keys yet. Create one below for the first integration.',
  caption: 'API keys, revoked ones too',
  name: 'Name',
  nameHint: 'Who or what uses the key, e.g. “Jobindsats import”.',
  role: 'Role',
  roleNames: { admin: 'Admin', operator: 'Operator', viewer: 'Viewer', integrator: 'Integrator' },
  created: 'Created',
  lastUsed: 'Last used',
  state: 'State',
  active: 'Active',
  revokedAt: (when: string) => `Revoked ${when}`,
  create: 'Create key',
  createdKey: (name: string) => `The key “${name}” is created.`,
  copyHint:
    'Copy the key now (select the field and press Ctrl+C / ⌘C) and keep it somewhere safe. It is not shown again; if you lose it, revoke it and create a new one.',
  keyLabel: 'The new API key',
  revoke: 'Revoke',
  revokeTitle: 'Revoke API key',
  revokeQuestion: (name: string) => `Revoke the key “${name}”? Integrations that use it are refused at once. This cannot be undone.`,
  revokeConfirm: 'Yes, revoke the key',
  revoked: 'The key is revoked.',
  notFound: 'There is no active key with that id.',
  nameRequired: 'Enter who uses the key.',
  never: 'Never',
};
export type ApiKeysTexts = typeof da;
export const API_KEYS_TEXTS: Record<Lang, ApiKeysTexts> = { da, en };
