import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { Viewer } from '../web/viewer';
import { Report, ReportsRepository } from './reports.repository';

export class ReportNotDraft extends Error {}

/** The analyst's commentary per focus area of a draft (an approved report stays as it was sent). */
@Injectable()
export class SaveCommentary {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(report: Report, texts: Record<string, string>, viewer: Viewer): Promise<void> {
    if (!(await this.reports.saveCommentary(report.id, texts, viewer.email))) throw new ReportNotDraft();
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action: 'report.commented',
      targetType: 'report',
      targetId: report.id,
      municipality: report.municipality,
      details: { focusAreas: Object.keys(texts) },
    });
  }
}
