import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';
import type { Episode } from '../../services/goals-responses';
import { episodesResponse, Silence, silencesResponse } from './alerts.schema';

const SEVERITY: Record<string, number> = { breach: 0, at_risk: 1 };

/** Whether the viewer is among an episode's recipients, through their link to an owner or recipient. */
export function isOwnEpisode(viewer: Viewer, episode: Episode): boolean {
  const keys = new Set((episode.recipients ?? []).map((recipient) => recipient.key));
  return (!!viewer.ownerId && keys.has(`owner:${viewer.ownerId}`)) || (!!viewer.recipientId && keys.has(`recipient:${viewer.recipientId}`));
}

/**
 * Page 3: open episodes by severity, then age (oldest first), the viewer's own (through their owner
 * or recipient link) first; and the active and pending silences.
 */
@Injectable()
export class LoadAlerts {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer): Promise<{ open: Episode[]; acknowledged: Episode[]; silences: Silence[]; own: Set<string> }> {
    const api = this.services.forUser(viewer);
    const [open, acknowledged, active, pending] = await Promise.all([
      api.get('notifications', '/v1/episodes?status=open', episodesResponse),
      api.get('notifications', '/v1/episodes?status=acknowledged', episodesResponse),
      api.get('notifications', '/v1/silences?state=active', silencesResponse),
      api.get('notifications', '/v1/silences?state=pending', silencesResponse),
    ]);
    const own = new Set([...open, ...acknowledged].filter((episode) => isOwnEpisode(viewer, episode)).map((episode) => episode.id));
    const order = (a: Episode, b: Episode) =>
      Number(own.has(b.id)) - Number(own.has(a.id)) ||
      (SEVERITY[a.kind] ?? 9) - (SEVERITY[b.kind] ?? 9) ||
      a.openedAt.localeCompare(b.openedAt);
    return { open: [...open].sort(order), acknowledged: [...acknowledged].sort(order), silences: [...active, ...pending], own };
  }
}
