import { ForbiddenException, Injectable } from '@nestjs/common';
import { AuditFilter, AuditLogRepository, AuditRecord } from '../../audit/audit-log.repository';
import { coversAll, Viewer } from '../../web/viewer';

/** The audit log for admins with access to all municipalities (it names every user's actions). */
@Injectable()
export class SearchAuditLog {
  constructor(private readonly audit: AuditLogRepository) {}

  async execute(viewer: Viewer, filter: AuditFilter): Promise<AuditRecord[]> {
    if (!coversAll(viewer)) throw new ForbiddenException('only unscoped admins read the audit log');
    return this.audit.search(filter);
  }
}
