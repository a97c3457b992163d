import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from './roles';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
}

/** Every API key starts with it, so the guard tells keys from user tokens. */
export const API_KEY_PREFIX = 'pjl_';

/** Keys are 256-bit random, so a plain SHA-256 is enough to store them safely (no slow hash needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Creates a key and returns it in clear text: the only time it is ever shown. */
export async function createApiKey(dataSource: DataSource, name: string, role: Role): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = generateApiKey();
  const [record] = await dataSource.query(
    `INSERT INTO access.api_keys (name, role, key_hash) VALUES ($1, $2, $3) RETURNING id, name, role`,
    [name, role, hashApiKey(key)],
  );
  return { key, record };
}

export async function findApiKey(dataSource: DataSource, key: string): Promise<ApiKeyRecord | undefined> {
  if (!key.startsWith(API_KEY_PREFIX)) return undefined;
  // Wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE, plain rows for a SELECT.
  const rows: ApiKeyRecord[] = await dataSource.query(
    `WITH used AS (UPDATE access.api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, name, role)
     SELECT * FROM used`,
    [hashApiKey(key)],
  );
  return rows[0];
}

export interface ApiKeyListing extends ApiKeyRecord {
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiKeys(dataSource: DataSource): Promise<ApiKeyListing[]> {
  return dataSource.query(
    `SELECT id, name, role, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt" FROM access.api_keys ORDER BY created_at`,
  );
}

export async function findApiKeyListing(dataSource: DataSource, id: string): Promise<ApiKeyListing | undefined> {
  const rows: ApiKeyListing[] = await dataSource.query(
    `SELECT id, name, role, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt" FROM access.api_keys WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function revokeApiKey(dataSource: DataSource, id: string): Promise<boolean> {
  const rows = await dataSource.query(
    `WITH revoked AS (UPDATE access.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT * FROM revoked`,
    [id],
  );
  return rows.length > 0;
}
