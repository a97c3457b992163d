import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { routingRule } from './routing.schema';

/** Deletes a routing rule and records it (with what it was) in the audit log. */
@Injectable()
export class DeleteRoutingRule {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, id: string): Promise<void> {
    const api = this.services.forUser(viewer);
    const path = `/v1/routing-rules/${encodeURIComponent(id)}`;
    const rule = await api.get('notifications', path, routingRule);
    await api.delete('notifications', path);
    await this.audit.record(
      viewer,
      'routing-rule.deleted',
      { type: 'routing-rule', id, municipality: rule.municipality },
      { name: rule.name },
    );
  }
}
