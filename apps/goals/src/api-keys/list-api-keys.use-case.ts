import { Injectable } from '@nestjs/common';
import { ApiKeyListing, ApiKeysRepository } from '@pejling/platform';

/** Every API key (revoked ones too, with when), never the key itself. */
@Injectable()
export class ListApiKeys {
  constructor(private readonly keys: ApiKeysRepository) {}

  run(): Promise<ApiKeyListing[]> {
    return this.keys.list();
  }
}
