import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored beside every value sealed with it. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const VERSION = 'v1';

/**
 * Seals webhook secrets at rest with AES-256-GCM (node:crypto): `v1.<key id>.<iv>.<tag>.<ciphertext>`
 * (base64url parts). The key id travels with the value, so after a key rotation the old key still
 * opens old values until they are re-sealed; the current key seals everything new.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly current: SecretKey,
    previous: readonly SecretKey[] = [],
  ) {
    this.keys = new Map([...previous, current].map((entry) => [entry.id, entry.key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    // The key id is authenticated too, so a value cannot be relabelled to another key.
    cipher.setAAD(Buffer.from(this.current.id));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      this.current.id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`sealed with key '${keyId}', which is not configured (SECRETS_KEY / SECRETS_PREVIOUS_KEYS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  static keyIdOf(sealed: string): string {
    return sealed.split('.')[1] ?? '';
  }
}

/** Parses `<id>:<32 bytes as base64 or 64 hex digits>`; throws a message naming what is wrong. */
export function parseSecretKey(value: string): SecretKey {
  const match = /^([A-Za-z0-9_-]{1,32}):(.+)$/.exec(value.trim());
  if (!match) throw new Error("must be '<key id>:<key>' (e.g. k1:<32 random bytes in base64>)");
  const [, id, material] = match;
  const key = /^[0-9a-fA-F]{64}$/.test(material) ? Buffer.from(material, 'hex') : Buffer.from(material, 'base64');
  if (key.length !== 32) throw new Error(`the key must be 32 bytes (base64 or 64 hex digits); got ${key.length} bytes`);
  return { id, key };
}

/** A new webhook secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
