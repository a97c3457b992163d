import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { maskTarget, maskUrlsIn } from '../shared/mask-url';

const disabledEndpoint = z.looseObject({
  endpointKey: z.string(),
  channel: z.string(),
  target: z.string().nullable(),
  statusCode: z.number().nullable().optional(),
  reason: z.string().nullable().optional(),
  disabledAt: z.string(),
});

/** The endpoints the notifications service disabled after a 410, their targets masked. */
@Injectable()
export class ListDisabledEndpoints {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer) {
    const rows = await this.services.forUser(viewer).get('notifications', '/v1/endpoints/disabled', z.array(disabledEndpoint));
    return rows.map((row) => ({
      endpointKey: row.endpointKey,
      channel: row.channel,
      target: maskTarget(row.channel, row.target),
      statusCode: row.statusCode ?? null,
      reason: maskUrlsIn(row.reason),
      disabledAt: row.disabledAt,
    }));
  }
}

/** Enables a disabled endpoint again and records it in the audit log. */
@Injectable()
export class EnableEndpoint {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, endpointKey: string): Promise<void> {
    await this.services.forUser(viewer).delete('notifications', `/v1/endpoints/disabled/${encodeURIComponent(endpointKey)}`);
    await this.audit.record(viewer, 'endpoint.enabled', { type: 'endpoint', id: endpointKey });
  }
}
