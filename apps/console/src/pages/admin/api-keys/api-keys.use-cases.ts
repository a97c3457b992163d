import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { fieldErrorsOf } from '../shared/field-errors';
import { apiKeyCreated, apiKeyList, ApiKeyRecord } from './api-keys.schema';

/** Every API key (revoked ones too), from the goals service. */
@Injectable()
export class ListApiKeys {
  constructor(private readonly services: ServicesClient) {}

  execute(viewer: Viewer): Promise<ApiKeyRecord[]> {
    return this.services.forUser(viewer).get('goals', '/v1/api-keys', apiKeyList);
  }
}

export type KeyCreation = { ok: true; key: string; record: ApiKeyRecord } | { ok: false; errors: Record<string, string> };

/** Creates an API key; the key goes to the page once and never into a log or the audit record. */
@Injectable()
export class CreateApiKey {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, name: string, role: string): Promise<KeyCreation> {
    try {
      const created = await this.services.forUser(viewer).post('goals', '/v1/api-keys', { name, role }, apiKeyCreated);
      await this.audit.record(
        viewer,
        'api-key.created',
        { type: 'api-key', id: created.record.id },
        { name: created.record.name, role: created.record.role },
      );
      return { ok: true, key: created.key, record: created.record };
    } catch (error) {
      return { ok: false, errors: fieldErrorsOf(error, ['name', 'role']) };
    }
  }
}

/** Revokes an API key (`DELETE /v1/api-keys/:id`) and records it in the audit log. */
@Injectable()
export class RevokeApiKey {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, key: ApiKeyRecord): Promise<void> {
    await this.services.forUser(viewer).delete('goals', `/v1/api-keys/${encodeURIComponent(key.id)}`);
    await this.audit.record(viewer, 'api-key.revoked', { type: 'api-key', id: key.id }, { name: key.name, role: key.role });
  }
}
