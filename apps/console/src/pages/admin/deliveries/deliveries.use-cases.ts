import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { maskTarget, maskUrlsIn } from '../shared/mask-url';
import { deliveryCounts, DeliveryFilter, deliveryRows } from './deliveries.schema';
import { filterQuery } from './delivery-filter';

/** The delivery log under the filters, with counts per status; targets and error details masked. */
@Injectable()
export class ListDeliveries {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, filter: DeliveryFilter) {
    const api = this.services.forUser(viewer);
    const query = filterQuery(filter, true);
    const [rows, counts] = await Promise.all([
      api.get('notifications', `/v1/deliveries?${query}${query ? '&' : ''}limit=100`, deliveryRows),
      api.get('notifications', `/v1/deliveries/counts?${filterQuery({ ...filter, status: undefined }, true)}`, deliveryCounts),
    ]);
    const deliveries = rows.map((row) => ({
      ...row,
      target: maskTarget(row.channel, row.target),
      lastError: maskUrlsIn(row.lastError),
      attemptLog: row.attemptLog.map((entry) => ({ ...entry, detail: maskUrlsIn(entry.detail) })),
    }));
    return { deliveries, counts };
  }
}

/** Re-queues a dead delivery (`POST /v1/deliveries/:id/retry`) and records it in the audit log. */
@Injectable()
export class RetryDelivery {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, id: string): Promise<void> {
    await this.services.forUser(viewer).post('notifications', `/v1/deliveries/${encodeURIComponent(id)}/retry`);
    await this.audit.record(viewer, 'delivery.retried', { type: 'delivery', id });
  }
}
