import type { Lang } from '../../../web/language';

const da = {
  title: 'Deaktiverede endepunkter',
  intro: 'Et endepunkt, der svarer 410 Gone, får ikke flere beskeder. Når ejeren har rettet det, aktiverer du det igen her.',
  empty: 'Ingen endepunkter er deaktiveret. Alle webhooks, Teams- og Slack-kanaler modtager beskeder.',
  caption: 'Deaktiverede endepunkter, nyeste først (URL’er vises maskeret)',
  channel: 'Kanal',
  target: 'Mål',
  status: 'Svar',
  reason: 'Årsag',
  disabledAt: 'Deaktiveret',
  enable: 'Aktivér igen',
  enabled: 'Endepunktet er aktiveret igen.',
};
const en: typeof da = {
  title: 'Disabled endpoints',
  intro: 'An endpoint that answers 410 Gone gets no more messages. Once its owner has fixed it, enable it again here.',
  empty: 'No endpoint is disabled. Every webhook, Teams and Slack channel receives messages.',
  caption: 'Disabled endpoints, newest first (URLs are shown masked)',
  channel: 'Channel',
  target: 'Target',
  status: 'Answer',
  reason: 'Reason',
  disabledAt: 'Disabled',
  enable: 'Enable again',
  enabled: 'The endpoint is enabled again.',
};
export const ENDPOINTS_TEXTS: Record<Lang, typeof da> = { da, en };
