import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyListing, createApiKey, findApiKeyListing, listApiKeys, revokeApiKey, Role } from '@pejling/platform';

/** Every API key (revoked ones too, with when), never the key itself. */
@Injectable()
export class ListApiKeys {
  constructor(private readonly dataSource: DataSource) {}

  run(): Promise<ApiKeyListing[]> {
    return listApiKeys(this.dataSource);
  }
}

/** Creates a key; the clear key is in this answer only (stored as a hash). */
@Injectable()
export class CreateApiKey {
  constructor(private readonly dataSource: DataSource) {}

  async run(name: string, role: Role): Promise<{ key: string; record: ApiKeyListing }> {
    const { key, record } = await createApiKey(this.dataSource, name, role);
    const listing = await findApiKeyListing(this.dataSource, record.id);
    return { key, record: listing ?? { ...record, createdAt: new Date().toISOString(), lastUsedAt: null, revokedAt: null } };
  }
}

/** Revokes a key at once: the next request with it is a 401. */
@Injectable()
export class RevokeApiKey {
  constructor(private readonly dataSource: DataSource) {}

  async run(id: string): Promise<void> {
    if (!(await revokeApiKey(this.dataSource, id))) throw new NotFoundException(`No active API key with id ${id}.`);
  }
}
