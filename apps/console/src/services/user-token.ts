import { SignJWT } from 'jose';
import type { Viewer } from '../web/viewer';

export const TOKEN_ISSUER = 'pejling-console';
export const TOKEN_AUDIENCE = 'pejling-services';
/** Short-lived: one token per request, so a leaked one is useless within minutes. */
const TOKEN_TTL_SECONDS = 120;

/**
 * The user's identity and scope as the services verify it (HS256 with CONSOLE_TOKEN_SECRET): the
 * services, not the console, enforce roles and municipality scope.
 */
export async function signUserToken(secret: string, viewer: Viewer, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ name: viewer.name, email: viewer.email, role: viewer.role, municipalities: viewer.municipalities })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(viewer.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_SECONDS)
    .sign(new TextEncoder().encode(secret));
}
