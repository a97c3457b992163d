import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';
import { episodeSchema } from '../../services/goals-responses';

/**
 * Acknowledges an episode with a follow-up note, as the signed-in user (the notifications service
 * checks role and scope, stops the reminders and tells the other recipients), and audits it. A note
 * marked public may appear on the public transparency page.
 */
@Injectable()
export class AcknowledgeEpisode {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AuditLogRepository,
  ) {}

  /** `isPublic`: the author allows the note on the public transparency page. */
  async execute(viewer: Viewer, episodeId: string, note: string, isPublic = false): Promise<{ goalId: string | null }> {
    const api = this.services.forUser(viewer);
    const id = encodeURIComponent(episodeId);
    const episode = await api.post(
      'notifications',
      `/v1/episodes/${id}/acknowledge`,
      { note, by: viewer.name, public: isPublic },
      episodeSchema.partial().loose(),
    );
    const goalId = episode.goalId ?? null;
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action: 'episode.acknowledged',
      targetType: 'episode',
      targetId: episodeId,
      municipality: episode.municipality ?? null,
      details: { note, goalId, public: isPublic },
    });
    return { goalId };
  }
}
