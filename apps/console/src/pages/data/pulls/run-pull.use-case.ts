import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../../audit/audit-log.repository';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { pullStarted } from '../../../services/ingest-responses';

/** Runs a Jobindsats pull now as the user (ingest checks the role), and records it in the audit log. */
@Injectable()
export class RunPull {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, table: string): Promise<{ pullId: string }> {
    const started = await this.services.forUser(viewer).post('ingest', `/v1/pulls/${encodeURIComponent(table)}/run`, {}, pullStarted);
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action: 'pull.run-requested',
      targetType: 'pull',
      targetId: started.pullId,
      details: { table },
    });
    return { pullId: started.pullId };
  }
}
