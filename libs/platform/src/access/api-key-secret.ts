import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with it, so the guard tells keys from user tokens. */
export const API_KEY_PREFIX = 'pjl_';

/** Keys are 256-bit random, so a plain SHA-256 is enough to store them safely (no slow hash needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function isApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}
