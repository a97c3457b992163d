import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';
import type { Episode } from '../goal/goal.schema';
import { episodesResponse, Silence, silencesResponse } from './alerts.schema';

const SEVERITY: Record<string, number> = { breach: 0, at_risk: 1 };

/** Page 3: open episodes by severity, then age (oldest first), and the active and pending silences. */
@Injectable()
export class LoadAlerts {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer): Promise<{ open: Episode[]; acknowledged: Episode[]; silences: Silence[] }> {
    const api = this.services.forUser(viewer);
    const [open, acknowledged, active, pending] = await Promise.all([
      api.get('notifications', '/v1/episodes?status=open', episodesResponse),
      api.get('notifications', '/v1/episodes?status=acknowledged', episodesResponse),
      api.get('notifications', '/v1/silences?state=active', silencesResponse),
      api.get('notifications', '/v1/silences?state=pending', silencesResponse),
    ]);
    const bySeverityThenAge = (a: Episode, b: Episode) => (SEVERITY[a.kind] ?? 9) - (SEVERITY[b.kind] ?? 9) || a.openedAt.localeCompare(b.openedAt);
    return { open: [...open].sort(bySeverityThenAge), acknowledged: [...acknowledged].sort(bySeverityThenAge), silences: [...active, ...pending] };
  }
}
