import { Injectable, NotFoundException } from '@nestjs/common';
import { ApiKeyListing, ApiKeysRepository, Role } from '@pejling/platform';

/** Every API key (revoked ones too, with when), never the key itself. */
@Injectable()
export class ListApiKeys {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  run(): Promise<ApiKeyListing[]> {
    return this.apiKeys.list();
  }
}

/** Creates a key; the clear key is in this answer only (stored as a hash). */
@Injectable()
export class CreateApiKey {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  async run(name: string, role: Role): Promise<{ key: string; record: ApiKeyListing }> {
    const { key, record } = await this.apiKeys.create(name, role);
    const listing = await this.apiKeys.findListing(record.id);
    return { key, record: listing ?? { ...record, createdAt: new Date().toISOString(), lastUsedAt: null, revokedAt: null } };
  }
}

/** Revokes a key at once: the next request with it is a 401. */
@Injectable()
export class RevokeApiKey {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  async run(id: string): Promise<void> {
    if (!(await this.apiKeys.revoke(id))) throw new NotFoundException(`No active API key with id ${id}.`);
  }
}
