import type { Lang } from '../../web/language';

const da = {
  title: 'Log ind',
  intro: 'Log ind med din e-mailadresse og adgangskode.',
  email: 'E-mailadresse',
  password: 'Adgangskode',
  submit: 'Log ind',
  forgot: 'Glemt adgangskoden?',
  wrong: 'E-mailadressen eller adgangskoden er forkert. Tjek begge felter og prøv igen.',
  locked: (minutes: number) =>
    `Kontoen er midlertidigt låst efter for mange forkerte forsøg. Prøv igen om ${minutes} minutter, eller nulstil adgangskoden.`,
  throttled: (minutes: number) => `Der er forsøgt for mange gange fra din adresse. Vent ${minutes} minutter og prøv igen.`,
  emailRequired: 'E-mailadresse: skriv din e-mailadresse.',
  passwordRequired: 'Adgangskode: skriv din adgangskode.',
  signedOut: 'Du er logget ud.',
  passwordChanged: 'Din adgangskode er ændret. Log ind med den nye.',
};
const en: typeof da = {
  title: 'Sign in',
  intro: 'Sign in with your email address and password.',
  email: 'Email address',
  password: 'Password',
  submit: 'Sign in',
  forgot: 'Forgot your password?',
  wrong: 'The email address or password is wrong. Check both fields and try again.',
  locked: (minutes: number) =>
    `The account is temporarily locked after too many wrong attempts. Try again in ${minutes} minutes, or reset the password.`,
  throttled: (minutes: number) => `Too many attempts from your address. Wait ${minutes} minutes and try again.`,
  emailRequired: 'Email address: enter your email address.',
  passwordRequired: 'Password: enter your password.',
  signedOut: 'You are signed out.',
  passwordChanged: 'Your password has been changed. Sign in with the new one.',
};
export const SIGN_IN_TEXTS: Record<Lang, typeof da> = { da, en };
