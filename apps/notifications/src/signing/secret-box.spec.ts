import { randomBytes } from 'node:crypto';
import { newWebhookSecret, parseSecretKey, SecretBox } from './secret-box';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('SecretBox (AES-256-GCM at rest)', () => {
  it('seals with the current key id and opens again; the value does not show the secret', () => {
    const box = new SecretBox(key('k2'));
    const secret = newWebhookSecret();
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1\.k2\./);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed)).toBe(secret);
    expect(box.seal(secret)).not.toBe(sealed); // a fresh IV each time
  });

  it('opens values sealed with a previous key after a key rotation, and refuses unknown keys and tampering', () => {
    const old = key('k1');
    const sealed = new SecretBox(old).seal('whsec_x');
    expect(new SecretBox(key('k2'), [old]).open(sealed)).toBe('whsec_x');
    expect(() => new SecretBox(key('k2')).open(sealed)).toThrow(/key 'k1', which is not configured/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('whsec_y').toString('base64url');
    expect(() => new SecretBox(old).open(parts.join('.'))).toThrow();
    // Relabelling a value to another key id fails authentication too.
    const other = { id: 'k3', key: old.key };
    expect(() => new SecretBox(other).open(sealed.replace('.k1.', '.k3.'))).toThrow();
  });

  it('parses <id>:<32 bytes> keys in base64 or hex and names what is wrong', () => {
    expect(parseSecretKey(`k1:${'ab'.repeat(32)}`).key).toHaveLength(32);
    expect(parseSecretKey(`k1:${randomBytes(32).toString('base64')}`).id).toBe('k1');
    expect(() => parseSecretKey('no-colon')).toThrow(/<key id>:<key>/);
    expect(() => parseSecretKey('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
