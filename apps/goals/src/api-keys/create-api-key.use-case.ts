import { Injectable } from '@nestjs/common';
import { ApiKeyListing, ApiKeysRepository, Role } from '@pejling/platform';

/** Creates a key; the clear key is in this answer only (stored as a hash). */
@Injectable()
export class CreateApiKey {
  constructor(private readonly keys: ApiKeysRepository) {}

  async run(name: string, role: Role): Promise<{ key: string; record: ApiKeyListing }> {
    const { key, record } = await this.keys.create(name, role);
    const listing = await this.keys.findListing(record.id);
    return { key, record: listing ?? { ...record, createdAt: new Date().toISOString(), lastUsedAt: null, revokedAt: null } };
  }
}
