import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/** A test secret of the required length, for CONSOLE_TOKEN_SECRET in test worlds. */
export const TEST_CONSOLE_TOKEN_SECRET = 'test-console-token-secret-0123456789abcdef';

export interface UserTokenClaimsInput {
  role: string;
  municipalities: string[];
  sub?: string;
  name?: string;
  email?: string;
  /** Defaults: iat now, exp 5 minutes later. */
  iat?: number;
  exp?: number;
  iss?: string;
  aud?: string;
  /** Extra or overriding claims, to build deliberately bad tokens. */
  extra?: Record<string, unknown>;
}

/**
 * Signs a console user token the way the console does (HS256, iss pejling-console, aud
 * pejling-services). Every claim can be overridden, so tests can also forge bad tokens.
 */
export async function signUserToken(claims: UserTokenClaimsInput, secret: string = TEST_CONSOLE_TOKEN_SECRET): Promise<string> {
  const iat = claims.iat ?? Math.floor(Date.now() / 1000);
  const exp = claims.exp ?? iat + 300;
  const payload = {
    sub: claims.sub ?? randomUUID(),
    name: claims.name ?? `Test ${claims.role}`,
    email: claims.email ?? `${claims.role}.${claims.municipalities.join('-').replace('*', 'all')}@test.example`,
    role: claims.role,
    municipalities: claims.municipalities,
    iat,
    exp,
    ...claims.extra,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(claims.iss ?? 'pejling-console')
    .setAudience(claims.aud ?? 'pejling-services')
    .sign(new TextEncoder().encode(secret));
}
