import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { reportChartSvg } from '@pejling/domain-reports';
import { formatters } from '../web/format';
import { consoleSourceDir } from '../web/source-dir';
import { COMMON_TEXTS } from '../web/texts';
import { LoadedReport } from './load-report.use-case';
import { PdfPrinter, PrintedPdf } from './pdf-printer';
import { REPORT_TEXTS } from './report.texts';

export interface RenderedReport extends PrintedPdf {
  html: string;
}

/** The report's HTML (the console page's body, or the whole printable document) and its PDF. */
@Injectable()
export class ReportRenderer {
  private readonly eta = new Eta({ views: consoleSourceDir(), autoEscape: true, cache: true, defaultExtension: '.eta' });
  private readonly css = readFileSync(path.join(consoleSourceDir(), 'assets/report.css'), 'utf8');

  constructor(private readonly printer: PdfPrinter) {}

  /** The template data both the console page and the printed document use. */
  templateData(loaded: LoadedReport, lang: 'da' | 'en', preparedAt: Date) {
    const x = REPORT_TEXTS[lang];
    const charts: Record<string, string> = {};
    for (const area of loaded.model.focusAreas) {
      for (const goal of area.goals) {
        charts[`${area.id}/${goal.planGoalId}`] = reportChartSvg(
          goal.chart,
          { title: x.chart(goal.planGoalId), value: x.value, target: x.required, cluster: x.cluster, national: x.national },
          goal.unit,
          lang,
        );
      }
    }
    return {
      model: loaded.model,
      x,
      f: formatters(lang),
      states: COMMON_TEXTS[lang].states,
      charts,
      lang,
      preparedAt,
      approvedAt: loaded.report.approvedAt,
    };
  }

  body(loaded: LoadedReport, lang: 'da' | 'en', preparedAt: Date): string {
    return this.eta.render('/reports/report-body', this.templateData(loaded, lang, preparedAt));
  }

  document(loaded: LoadedReport, lang: 'da' | 'en', preparedAt: Date): string {
    return this.eta.render('/reports/report-document', { ...this.templateData(loaded, lang, preparedAt), css: this.css });
  }

  async render(loaded: LoadedReport, lang: 'da' | 'en', preparedAt: Date): Promise<RenderedReport> {
    const html = this.document(loaded, lang, preparedAt);
    const x = REPORT_TEXTS[lang];
    const printed = await this.printer.print(html, {
      page: x.page,
      of: x.of,
      title: `${x.reportTitle(loaded.model.title)} – ${loaded.model.periodLabel}`,
    });
    return { ...printed, html };
  }
}
