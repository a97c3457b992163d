import { Injectable, NotFoundException } from '@nestjs/common';
import { ApiKeysRepository } from '@pejling/platform';

/** Revokes a key at once: the next request with it is a 401. */
@Injectable()
export class RevokeApiKey {
  constructor(private readonly keys: ApiKeysRepository) {}

  async run(id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new NotFoundException(`No active API key with id ${id}.`);
  }
}
