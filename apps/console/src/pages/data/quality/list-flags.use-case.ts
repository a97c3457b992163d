import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { QualityFlagList, qualityFlagList } from '../../../services/ingest-responses';

export const QUALITY_CHECKS = ['jump', 'group-total', 'change', 'change-percent', 'missing-period'] as const;
export const FLAG_STATUSES = ['open', 'resolved', 'all'] as const;
export const FLAGS_SHOWN = 200;

export interface FlagFilter {
  municipality?: string;
  check?: (typeof QUALITY_CHECKS)[number];
  status: (typeof FLAG_STATUSES)[number];
}

/** Data-quality flags under the filter (ingest scopes them to the viewer's municipalities), with counts per check. */
@Injectable()
export class ListFlags {
  constructor(private readonly services: ServicesClient) {}

  execute(viewer: Viewer, filter: FlagFilter): Promise<QualityFlagList> {
    const query = new URLSearchParams({ status: filter.status, limit: String(FLAGS_SHOWN) });
    if (filter.municipality) query.set('municipality', filter.municipality);
    if (filter.check) query.set('check', filter.check);
    return this.services.forUser(viewer).get('ingest', `/v1/quality-flags?${query}`, qualityFlagList);
  }
}
