import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';
import { episodeSchema } from '../goal/goal.schema';

/**
 * Acknowledges an episode with a follow-up note, as the signed-in user (the notifications service
 * checks role and scope, stops the reminders and tells the other recipients), and audits it.
 */
@Injectable()
export class AcknowledgeEpisode {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, episodeId: string, note: string): Promise<{ goalId: string | null }> {
    const api = this.services.forUser(viewer);
    const id = encodeURIComponent(episodeId);
    const episode = await api.post('notifications', `/v1/episodes/${id}/acknowledge`, { note, by: viewer.name }, episodeSchema.partial().loose());
    const goalId = episode.goalId ?? null;
    await this.audit.append({ actorId: viewer.id, actorEmail: viewer.email, action: 'episode.acknowledged', targetType: 'episode', targetId: episodeId, municipality: episode.municipality ?? null, details: { note, goalId } });
    return { goalId };
  }
}
