import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';
import { silenceSchema } from './alerts.schema';

/** Ends a silence now (held-back reminders then go out) and audits it. */
@Injectable()
export class EndSilence {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, silenceId: string): Promise<void> {
    const api = this.services.forUser(viewer);
    const id = encodeURIComponent(silenceId);
    const silence = await api.get('notifications', `/v1/silences/${id}`, silenceSchema);
    await api.delete('notifications', `/v1/silences/${id}`);
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action: 'silence.ended',
      targetType: 'silence',
      targetId: silenceId,
      municipality: silence.municipality ?? null,
      details: { reason: silence.reason },
    });
  }
}
