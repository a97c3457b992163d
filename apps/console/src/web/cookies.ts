import type { CookieOptions, Response } from 'express';
import type { ConsoleEnv } from '../console.env';

export const SESSION_COOKIE = 'pejling_session';
/** Binds the CSRF token of signed-out forms (sign-in, password reset) to the browser. */
export const ANONYMOUS_CSRF_COOKIE = 'pejling_csrf';

/** HttpOnly, SameSite=Lax, Secure unless COOKIE_SECURE=false (plain-HTTP local development). */
export function cookieOptions(env: ConsoleEnv, maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: env.COOKIE_SECURE, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export function setSessionCookie(response: Response, env: ConsoleEnv, token: string): void {
  response.cookie(SESSION_COOKIE, token, cookieOptions(env, env.SESSION_TTL_HOURS * 3_600_000));
}

export function clearSessionCookie(response: Response, env: ConsoleEnv): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(env));
}
