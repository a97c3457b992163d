import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';

const revocationSchema = z.looseObject({ episodeId: z.string(), revokedAt: z.string(), reason: z.string().nullable() });

/**
 * Revokes the acknowledgement links sent so far for an episode (a mail forwarded to the wrong
 * person), as the signed-in admin: the notifications service checks the role and keeps it in the
 * episode's history; the console audits it. Links in later messages work.
 */
@Injectable()
export class RevokeAckLinks {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, episodeId: string, reason: string | undefined): Promise<void> {
    const revocation = await this.services
      .forUser(viewer)
      .post('notifications', `/v1/episodes/${encodeURIComponent(episodeId)}/ack-links/revoke`, reason ? { reason } : {}, revocationSchema);
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action: 'episode.ack-links-revoked',
      targetType: 'episode',
      targetId: episodeId,
      details: { revokedAt: revocation.revokedAt, reason: revocation.reason },
    });
  }
}
