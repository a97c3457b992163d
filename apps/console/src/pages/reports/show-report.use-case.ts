import { Injectable } from '@nestjs/common';
import { Clock } from '../../reports/clock';
import { LoadReport } from '../../reports/load-report.use-case';
import { ArchivedReport, ReportArchiveRepository } from '../../reports/report-archive.repository';
import { ReportRenderer } from '../../reports/report-renderer';
import { ReportSend, ReportSendsRepository } from '../../reports/report-sends.repository';
import { Report, ReportsRepository } from '../../reports/reports.repository';
import type { Viewer } from '../../web/viewer';
import { reportInScope } from './report-access';

export interface ReportPageView {
  report: Report;
  /** The report's content: the archived document's once approved, else rendered from the live data. */
  body: string;
  focusAreas: { id: string; title: string; commentary: string }[];
  recipients: number;
  sends: ReportSend[];
  archived: Omit<ArchivedReport, 'pdf' | 'html'> | null;
}

/** One report as its page shows it, with the commentary form and the approval. */
@Injectable()
export class ShowReport {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly loadReport: LoadReport,
    private readonly renderer: ReportRenderer,
    private readonly archive: ReportArchiveRepository,
    private readonly sends: ReportSendsRepository,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, id: string, lang: 'da' | 'en'): Promise<ReportPageView> {
    const report = await reportInScope(this.reports, viewer, id);
    const sends = await this.sends.forReport(report.id);
    const archived = report.status === 'approved' ? await this.archive.find(report.id, lang) : null;
    if (archived) {
      // What the committee received, as it was sent: nothing is asked of the services again.
      const body = archived.html.match(/<main>([\s\S]*)<\/main>/)?.[1] ?? '';
      return {
        report,
        body,
        focusAreas: [],
        recipients: sends.length,
        sends,
        archived: { pages: archived.pages, renderMs: archived.renderMs, createdAt: archived.createdAt },
      };
    }
    const loaded = await this.loadReport.execute(report, lang);
    return {
      report,
      body: this.renderer.body(loaded, lang, this.clock.now()),
      focusAreas: loaded.model.focusAreas.map(({ id: areaId, title, commentary }) => ({ id: areaId, title, commentary })),
      recipients: loaded.plan.reporting.recipients.length,
      sends,
      archived: null,
    };
  }
}
