import { Inject, Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import type { Viewer } from '../web/viewer';
import { Clock } from './clock';
import { LoadReport } from './load-report.use-case';
import { ReportArchiveRepository } from './report-archive.repository';
import { ReportMailQueue } from './report-mail.queue';
import { ReportRenderer } from './report-renderer';
import { ReportSendsRepository } from './report-sends.repository';
import { Report, ReportsRepository } from './reports.repository';

export class ReportAlreadyApproved extends Error {}
export class ReportHasNoRecipients extends Error {}

/**
 * The analyst approves the draft: it is rendered once more (Danish and English), archived as it
 * stands, marked approved and queued for the plan's committee recipients, all in one transaction;
 * the emails go out after it commits. What the committee gets is then the archive, never a re-render.
 */
@Injectable()
export class ApproveReport {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly loadReport: LoadReport,
    private readonly renderer: ReportRenderer,
    private readonly archive: ReportArchiveRepository,
    private readonly sends: ReportSendsRepository,
    private readonly mailQueue: ReportMailQueue,
    private readonly audit: AuditLogRepository,
    private readonly clock: Clock,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async execute(report: Report, viewer: Viewer): Promise<{ recipients: number }> {
    if (report.status !== 'draft') throw new ReportAlreadyApproved();
    const approvedAt = this.clock.now();
    const loaded = await this.loadReport.executeIn(report, ['da', 'en'] as const);
    // The archived document says "approved" with the approval's date.
    const render = (lang: 'da' | 'en') => this.renderer.render({ ...loaded[lang], report: { ...report, approvedAt } }, lang, approvedAt);
    const recipients = loaded.da.plan.reporting.recipients;
    if (recipients.length === 0) throw new ReportHasNoRecipients();
    const [da, en] = await Promise.all([render('da'), render('en')]);
    const created = await this.reports.transaction(async (manager) => {
      if (!(await this.reports.approve(report.id, viewer.email, approvedAt, manager))) throw new ReportAlreadyApproved();
      await this.archive.store(report.id, 'da', da, manager);
      await this.archive.store(report.id, 'en', en, manager);
      await this.audit.append(
        {
          actorId: viewer.id,
          actorEmail: viewer.email,
          action: 'report.approved',
          targetType: 'report',
          targetId: report.id,
          municipality: report.municipality,
          details: { planId: report.planId, ...report.period, recipients: recipients.length, pages: da.pages },
        },
        manager,
      );
      return this.sends.createAll(report.id, recipients, new URL(this.env.PUBLIC_URL).hostname, manager);
    });
    await this.mailQueue.enqueue(created.map((send) => send.id));
    return { recipients: created.length };
  }
}
