import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../../audit/audit-log.repository';
import type { Viewer } from '../../../web/viewer';

/** Records a change an admin made through the console (who, what, to what) in the console's audit log. */
@Injectable()
export class AdminAudit {
  constructor(private readonly audit: AuditLogRepository) {}

  async record(
    viewer: Viewer,
    action: string,
    target: { type: string; id?: string | null; municipality?: string | null },
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      municipality: target.municipality ?? null,
      details,
    });
  }
}
