import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AckClaims {
  episodeId: string;
  recipientKey: string;
  recipientName: string;
  /** Expiry, unix seconds. */
  expires: number;
  /**
   * When the link was made, unix milliseconds: a revocation refuses the episode's links made up to
   * it. Links made before tokens carried it read as 0, so every revocation covers them too.
   */
  issuedAt: number;
}

/**
 * The token of a one-click acknowledgement link: base64url JSON claims and an HMAC-SHA256 over
 * them with the link secret, so a link names one episode and one recipient and cannot be forged
 * or extended.
 */
export function signAckToken(secret: string, claims: AckClaims): string {
  const body = Buffer.from(
    JSON.stringify({ e: claims.episodeId, r: claims.recipientKey, n: claims.recipientName, x: claims.expires, i: claims.issuedAt }),
  ).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export type AckTokenCheck = { ok: true; claims: AckClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export function verifyAckToken(secret: string, token: string, nowSeconds: number): AckTokenCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  let parsed: { e?: unknown; r?: unknown; n?: unknown; x?: unknown; i?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof parsed.e !== 'string' || typeof parsed.r !== 'string' || typeof parsed.x !== 'number')
    return { ok: false, reason: 'malformed' };
  if (parsed.i !== undefined && typeof parsed.i !== 'number') return { ok: false, reason: 'malformed' };
  if (parsed.x < nowSeconds) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: {
      episodeId: parsed.e,
      recipientKey: parsed.r,
      recipientName: typeof parsed.n === 'string' ? parsed.n : '',
      expires: parsed.x,
      issuedAt: parsed.i ?? 0,
    },
  };
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`pejling-ack.${body}`).digest('base64url');
}
