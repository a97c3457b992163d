import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyListing, ApiKeyRecord, createApiKey, findApiKeyListing, listApiKeys, revokeApiKey, Role } from '@pejling/platform';

/** The shared `access.api_keys` table (its SQL is platform's, which every service's guard reads too). */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ApiKeyListing[]> {
    return listApiKeys(this.dataSource);
  }

  find(id: string): Promise<ApiKeyListing | undefined> {
    return findApiKeyListing(this.dataSource, id);
  }

  /** Stores a new key as a hash; the clear key is returned here only. */
  create(name: string, role: Role): Promise<{ key: string; record: ApiKeyRecord }> {
    return createApiKey(this.dataSource, name, role);
  }

  /** Whether an active key was revoked. */
  revoke(id: string): Promise<boolean> {
    return revokeApiKey(this.dataSource, id);
  }
}
