import { Injectable, Logger } from '@nestjs/common';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { NewReport, Report, ReportsRepository } from './reports.repository';

/** Makes a plan's report of a period (once: asking again returns the existing one). */
@Injectable()
export class DraftReport {
  private readonly logger = new Logger(DraftReport.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(draft: NewReport, actor: { id: string | null; email: string }): Promise<{ report: Report; created: boolean }> {
    const result = await this.reports.draft(draft);
    if (result.created) {
      this.logger.log({ reportId: result.report.id, planId: draft.planId, period: draft.period, trigger: draft.trigger }, 'report drafted');
      await this.audit.append({
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'report.drafted',
        targetType: 'report',
        targetId: result.report.id,
        municipality: draft.municipality,
        details: { planId: draft.planId, ...draft.period, trigger: draft.trigger },
      });
    }
    return result;
  }
}
