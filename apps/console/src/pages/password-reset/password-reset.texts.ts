import type { Lang } from '../../web/language';

const da = {
  title: 'Nulstil adgangskode',
  intro:
    'Skriv din e-mailadresse. Er den kendt, sender vi et link, som du kan vælge en ny adgangskode med. Linket virker én gang og udløber efter en time.',
  email: 'E-mailadresse',
  emailRequired: 'E-mailadresse: skriv din e-mailadresse.',
  submit: 'Send link',
  sent: 'Hvis adressen hører til en konto, er der nu sendt en e-mail med et link. Tjek din indbakke (og spamfilteret).',
  newTitle: 'Vælg en ny adgangskode',
  password: 'Ny adgangskode',
  passwordHint: 'Mindst 12 tegn. En sætning er let at huske og svær at gætte.',
  repeat: 'Gentag den nye adgangskode',
  tooShort: 'Ny adgangskode: skal være mindst 12 tegn.',
  tooLong: 'Ny adgangskode: må højst være 200 tegn.',
  mismatch: 'Gentag den nye adgangskode: de to adgangskoder er ikke ens.',
  save: 'Gem ny adgangskode',
  invalid: 'Linket er udløbet eller allerede brugt. Bed om et nyt link herunder.',
  again: 'Bed om et nyt link',
  backToSignIn: 'Tilbage til log ind',
  mailSubject: 'Nulstil din adgangskode til Pejling',
  mailText: (name: string, link: string, minutes: number) =>
    `Hej ${name}\n\nDu (eller nogen, der kender din e-mailadresse) har bedt om at nulstille adgangskoden til Pejling.\n\nVælg en ny adgangskode her:\n${link}\n\nLinket virker én gang og udløber om ${minutes} minutter. Har du ikke bedt om det, kan du se bort fra denne e-mail; din adgangskode er uændret.\n\nPejling`,
};
const en: typeof da = {
  title: 'Reset password',
  intro:
    'Enter your email address. If it is known, we send a link to choose a new password. The link works once and expires after an hour.',
  email: 'Email address',
  emailRequired: 'Email address: enter your email address.',
  submit: 'Send link',
  sent: 'If the address belongs to an account, an email with a link is on its way. Check your inbox (and spam filter).',
  newTitle: 'Choose a new password',
  password: 'New password',
  passwordHint: 'At least 12 characters. A sentence is easy to remember and hard to guess.',
  repeat: 'Repeat the new password',
  tooShort: 'New password: must be at least 12 characters.',
  tooLong: 'New password: must be at most 200 characters.',
  mismatch: 'Repeat the new password: the two passwords differ.',
  save: 'Save new password',
  invalid: 'The link has expired or was already used. Ask for a new link below.',
  again: 'Ask for a new link',
  backToSignIn: 'Back to sign-in',
  mailSubject: 'Reset your Pejling password',
  mailText: (name: string, link: string, minutes: number) =>
    `Hello ${name}\n\nYou (or someone who knows your email address) asked to reset your Pejling password.\n\nChoose a new password here:\n${link}\n\nThe link works once and expires in ${minutes} minutes. If you did not ask for this, ignore this email; your password is unchanged.\n\nPejling`,
};
export const RESET_TEXTS: Record<Lang, typeof da> = { da, en };
