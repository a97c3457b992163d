import { createHmac } from 'node:crypto';
import { signAckToken, verifyAckToken } from './ack-token';

const SECRET = 'ack-link-secret-for-tests';
const claims = {
  episodeId: '11111111-1111-4111-8111-111111111111',
  recipientKey: 'owner:abc',
  recipientName: 'Mette',
  expires: 2_000_000_000,
  issuedAt: 1_899_000_000_123,
};

describe('acknowledgement link tokens', () => {
  it('round-trips the claims while unexpired', () => {
    expect(verifyAckToken(SECRET, signAckToken(SECRET, claims), 1_900_000_000)).toEqual({ ok: true, claims });
  });

  it('reads a link made before tokens carried their issue time as issued at 0 (so every revocation covers it)', () => {
    // Signed as links were before: the claims without `i`.
    const body = Buffer.from(
      JSON.stringify({ e: claims.episodeId, r: claims.recipientKey, n: claims.recipientName, x: claims.expires }),
    ).toString('base64url');
    const old = `${body}.${createHmac('sha256', SECRET).update(`pejling-ack.${body}`).digest('base64url')}`;
    expect(verifyAckToken(SECRET, old, 1_900_000_000)).toEqual({ ok: true, claims: { ...claims, issuedAt: 0 } });
  });

  it.each([
    ['an expired link', (token: string) => token, 2_000_000_001, 'expired'],
    ['another secret', () => signAckToken('another-secret-entirely', claims), 1_900_000_000, 'signature'],
    [
      'a changed episode (body swapped, signature kept)',
      (token: string) =>
        `${signAckToken(SECRET, { ...claims, episodeId: '22222222-2222-4222-8222-222222222222' }).split('.')[0]}.${token.split('.')[1]}`,
      1_900_000_000,
      'signature',
    ],
    ['a truncated token', (token: string) => token.split('.')[0], 1_900_000_000, 'malformed'],
    ['an extra part', (token: string) => `${token}.x`, 1_900_000_000, 'malformed'],
    ['garbage', () => 'not-a-token', 1_900_000_000, 'malformed'],
    [
      'an issue time that is not a number',
      () => signAckToken(SECRET, { ...claims, issuedAt: 'soon' as unknown as number }),
      1_900_000_000,
      'malformed',
    ],
  ])('refuses %s', (_name, mutate, now, reason) => {
    expect(verifyAckToken(SECRET, mutate(signAckToken(SECRET, claims)), now)).toEqual({ ok: false, reason });
  });
});
