import type { Lang } from './language';

/** Words every page shares (layout, navigation, states, errors). Pages keep their own words in their folder. */
const da = {
  appName: 'Pejling',
  skipToContent: 'Gå til indhold',
  mainNav: 'Hovedmenu',
  nav: { board: 'Statustavle', alerts: 'Alarmer', data: 'Data', reports: 'Rapporter', admin: 'Administration', users: 'Brugere', audit: 'Revisionslog', accessibility: 'Tilgængelighed' },
  signedInAs: 'Logget ind som',
  signOut: 'Log ud',
  language: 'Sprog',
  switchTo: 'English',
  switchToLang: 'en',
  roles: { viewer: 'læser', operator: 'operatør', admin: 'administrator' },
  states: { met: 'Opfyldt', at_risk: 'I risiko', breached: 'Ikke opfyldt', no_data: 'Ingen data', stale: 'Forældet', not_applicable: 'Ikke relevant', pending: 'Afventer' },
  loading: 'Henter …',
  required: 'skal udfyldes',
  errors: {
    title: 'Der gik noget galt',
    unavailable: (service: string) => `Tjenesten ${service} svarer ikke lige nu. Prøv igen om lidt; bliver det ved, så kontakt driften.`,
    notFound: 'Siden findes ikke, eller du har ikke adgang til den.',
    forbidden: 'Du har ikke adgang til denne side. Spørg en administrator, hvis du skal have det.',
    csrf: 'Formularen var udløbet. Genindlæs siden og prøv igen.',
    generic: 'Der opstod en fejl. Prøv igen; bliver det ved, så kontakt driften.',
    rateLimited: (seconds: number) => `Der er kommet for mange forespørgsler fra din adresse. Vent ${seconds} sekunder, og prøv så igen.`,
    tryAgain: 'Prøv igen',
    back: 'Til statustavlen',
    fieldErrors: 'Ret felterne herunder:',
  },
  footer: { accessibility: 'Tilgængelighedserklæring' },
  services: { ingest: 'data (ingest)', indicators: 'indikatorer (indicators)', goals: 'mål (goals)', notifications: 'notifikationer (notifications)' } as Record<string, string>,
};
type Texts = typeof da;

const en: Texts = {
  appName: 'Pejling',
  skipToContent: 'Skip to content',
  mainNav: 'Main menu',
  nav: { board: 'Status board', alerts: 'Alerts', data: 'Data', reports: 'Reports', admin: 'Administration', users: 'Users', audit: 'Audit log', accessibility: 'Accessibility' },
  signedInAs: 'Signed in as',
  signOut: 'Sign out',
  language: 'Language',
  switchTo: 'Dansk',
  switchToLang: 'da',
  roles: { viewer: 'viewer', operator: 'operator', admin: 'admin' },
  states: { met: 'Met', at_risk: 'At risk', breached: 'Breached', no_data: 'No data', stale: 'Stale', not_applicable: 'Not applicable', pending: 'Pending' },
  loading: 'Loading …',
  required: 'is required',
  errors: {
    title: 'Something went wrong',
    unavailable: (service: string) => `The ${service} service is unavailable right now. Try again in a moment; if it persists, contact operations.`,
    notFound: 'The page does not exist, or you do not have access to it.',
    forbidden: 'You do not have access to this page. Ask an administrator if you need it.',
    csrf: 'The form had expired. Reload the page and try again.',
    generic: 'An error occurred. Try again; if it persists, contact operations.',
    rateLimited: (seconds: number) => `Too many requests have come from your address. Wait ${seconds} seconds, then try again.`,
    tryAgain: 'Try again',
    back: 'To the status board',
    fieldErrors: 'Correct the fields below:',
  },
  footer: { accessibility: 'Accessibility statement' },
  services: { ingest: 'ingest', indicators: 'indicators', goals: 'goals', notifications: 'notifications' },
};

export type CommonTexts = Texts;
export const COMMON_TEXTS: Record<Lang, Texts> = { da, en };
