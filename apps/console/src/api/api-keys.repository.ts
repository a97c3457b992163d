import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyRecord, findApiKey } from '@pejling/platform';

/** The platform's API keys (schema `access`, shared by every app), looked up by the key itself. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(key: string): Promise<ApiKeyRecord | undefined> {
    return findApiKey(this.dataSource, key);
  }
}
