import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { Principal } from './principal';
import { USER_ROLES } from './roles';

/** The identity contract with the console: who signs, for whom, and how long a token may live. */
export const USER_TOKEN_ISSUER = 'pejling-console';
export const USER_TOKEN_AUDIENCE = 'pejling-services';
export const USER_TOKEN_MAX_LIFETIME_S = 300;

const municipalityCode = z.string().regex(/^(\d{3}|\*)$/, 'must be 3-digit municipality codes or "*"');

export const userTokenClaimsSchema = z
  .object({
    iss: z.literal(USER_TOKEN_ISSUER),
    aud: z.union([z.literal(USER_TOKEN_AUDIENCE), z.array(z.string()).refine((aud) => aud.includes(USER_TOKEN_AUDIENCE))]),
    sub: z.uuid('must be the console user id (a UUID)'),
    name: z.string().min(1).max(200),
    email: z.email(),
    role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }),
    municipalities: z
      .array(municipalityCode)
      .min(1, 'must list at least one municipality or "*"')
      .refine((codes) => !codes.includes('*') || codes.length === 1, '"*" must be the only element'),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .refine((claims) => claims.exp > claims.iat && claims.exp - claims.iat <= USER_TOKEN_MAX_LIFETIME_S, {
    message: `exp must be at most ${USER_TOKEN_MAX_LIFETIME_S} s after iat`,
    path: ['exp'],
  });

export type UserTokenClaims = z.infer<typeof userTokenClaimsSchema>;

/** Why a token was refused; the guard turns it into a 401 with this message (never the token itself). */
export class UserTokenError extends Error {}

/** Verifies a console user token (HS256; iss, aud, exp checked) and returns the principal it names. */
export async function verifyUserToken(token: string, secret: string, now: Date = new Date()): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      issuer: USER_TOKEN_ISSUER,
      audience: USER_TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      currentDate: now,
      clockTolerance: 5,
    }));
  } catch (error) {
    throw new UserTokenError(describeJoseError(error));
  }
  const claims = userTokenClaimsSchema.safeParse(payload);
  if (!claims.success) {
    const problems = claims.error.issues.map((issue) => `${issue.path.join('.') || '(claims)'} ${issue.message}`);
    throw new UserTokenError(`Invalid user token claims: ${problems.join('; ')}.`);
  }
  const { sub, name, email, role, municipalities } = claims.data;
  return { kind: 'user', id: sub, name, email, role, municipalities };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The user token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The user token's ${error.claim} claim is not accepted: ${error.reason}.`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The user token signature is not valid.';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The user token must be signed with HS256.';
  if (error instanceof errors.JOSEError) return `The user token is not valid: ${error.code}.`;
  return 'The user token is not valid.';
}
