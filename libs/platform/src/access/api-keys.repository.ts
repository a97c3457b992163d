import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from './roles';
import { generateApiKey, hashApiKey, isApiKey } from './api-key-secret';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
}

export interface ApiKeyListing extends ApiKeyRecord {
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const LISTING_COLUMNS = `id, name, role, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** The API keys in the shared access schema, stored as hashes only. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a key and returns it in clear text: the only time it is ever shown. */
  async create(name: string, role: Role): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = generateApiKey();
    const [record]: ApiKeyRecord[] = await this.dataSource.query(
      `INSERT INTO access.api_keys (name, role, key_hash) VALUES ($1, $2, $3) RETURNING id, name, role`,
      [name, role, hashApiKey(key)],
    );
    return { key, record };
  }

  /** The active key with this clear text, marked as used now. */
  async findActive(key: string): Promise<ApiKeyRecord | undefined> {
    if (!isApiKey(key)) return undefined;
    // Wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE, plain rows for a SELECT.
    const rows: ApiKeyRecord[] = await this.dataSource.query(
      `WITH used AS (UPDATE access.api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, name, role)
       SELECT * FROM used`,
      [hashApiKey(key)],
    );
    return rows[0];
  }

  list(): Promise<ApiKeyListing[]> {
    return this.dataSource.query(`SELECT ${LISTING_COLUMNS} FROM access.api_keys ORDER BY created_at`);
  }

  async findListing(id: string): Promise<ApiKeyListing | undefined> {
    const rows: ApiKeyListing[] = await this.dataSource.query(`SELECT ${LISTING_COLUMNS} FROM access.api_keys WHERE id = $1`, [id]);
    return rows[0];
  }

  /** False when no active key has this id. */
  async revoke(id: string): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH revoked AS (UPDATE access.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT * FROM revoked`,
      [id],
    );
    return rows.length > 0;
  }
}
