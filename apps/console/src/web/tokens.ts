import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token for a cookie, a CSRF field or a reset link (256 bits). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for a token: a keyed hash, so the table alone cannot be replayed as cookies or links. */
export function tokenHash(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
