import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'a-very-secret-signing-key';
  const body = JSON.stringify({ event: 'goal.breached', value: 1.9 });

  it('verifies a signature it made', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_100)).toEqual({ ok: true, timestamp: 1_700_000_000 });
  });

  it('rejects a changed body, a wrong secret, an old timestamp and a malformed header', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    expect(verifyWebhookSignature(secret, body + ' ', header, 1_700_000_000)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhookSignature('another-secret', body, header, 1_700_000_000)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhookSignature(secret, body, header, 1_700_000_301)).toEqual({
      ok: false,
      reason: 'timestamp outside the tolerance window',
    });
    expect(verifyWebhookSignature(secret, body, 'v1=abc', 1_700_000_000)).toEqual({ ok: false, reason: 'malformed signature header' });
    expect(verifyWebhookSignature(secret, body, undefined, 1_700_000_000)).toEqual({ ok: false, reason: 'missing signature header' });
  });
});
