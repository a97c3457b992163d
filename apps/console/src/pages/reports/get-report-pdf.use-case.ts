import { Injectable } from '@nestjs/common';
import { Clock } from '../../reports/clock';
import { LoadReport } from '../../reports/load-report.use-case';
import { ReportArchiveRepository } from '../../reports/report-archive.repository';
import { reportFileName } from '../../reports/report-file-name';
import { ReportRenderer } from '../../reports/report-renderer';
import { ReportsRepository } from '../../reports/reports.repository';
import type { Viewer } from '../../web/viewer';
import { reportInScope } from './report-access';

/** A report as a file: the archived PDF (or HTML) once approved; a draft is rendered from the live data. */
@Injectable()
export class GetReportFile {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly archive: ReportArchiveRepository,
    private readonly loadReport: LoadReport,
    private readonly renderer: ReportRenderer,
    private readonly clock: Clock,
  ) {}

  async execute(
    viewer: Viewer,
    id: string,
    lang: 'da' | 'en',
    format: 'pdf' | 'html',
  ): Promise<{ fileName: string; content: Buffer | string; pages: number | null }> {
    const report = await reportInScope(this.reports, viewer, id);
    const fileName = reportFileName(report, lang).replace(/\.pdf$/, `.${format}`);
    const archived = report.status === 'approved' ? await this.archive.find(report.id, lang) : null;
    if (archived)
      return { fileName, content: format === 'pdf' ? archived.pdf : archived.html, pages: format === 'pdf' ? archived.pages : null };
    const loaded = await this.loadReport.execute(report, lang);
    if (format === 'html') return { fileName, content: this.renderer.document(loaded, lang, this.clock.now()), pages: null };
    const rendered = await this.renderer.render(loaded, lang, this.clock.now());
    return { fileName, content: rendered.pdf, pages: rendered.pages };
  }
}
