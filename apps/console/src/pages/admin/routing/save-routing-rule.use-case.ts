import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { fieldErrorsOf } from '../shared/field-errors';
import { ROUTING_FIELDS, routingRule } from './routing.schema';

export type RoutingSave = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** Creates or changes a routing rule (service 4xx next to its field) and records it in the audit log. */
@Injectable()
export class SaveRoutingRule {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, id: string | undefined, body: Record<string, unknown>): Promise<RoutingSave> {
    const api = this.services.forUser(viewer);
    try {
      const rule = id
        ? await api.patch('notifications', `/v1/routing-rules/${encodeURIComponent(id)}`, body, routingRule)
        : await api.post('notifications', '/v1/routing-rules', body, routingRule);
      await this.audit.record(
        viewer,
        `routing-rule.${id ? 'updated' : 'created'}`,
        { type: 'routing-rule', id: rule.id, municipality: rule.municipality },
        { name: rule.name, rule: body },
      );
      return { ok: true, id: rule.id };
    } catch (error) {
      return { ok: false, errors: fieldErrorsOf(error, ROUTING_FIELDS) };
    }
  }
}
