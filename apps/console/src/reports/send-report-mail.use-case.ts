import { Injectable, Logger } from '@nestjs/common';
import { Mailer } from '../mail/mailer';
import { formatters } from '../web/format';
import { ReportArchiveRepository } from './report-archive.repository';
import { ReportSendsRepository } from './report-sends.repository';
import { ReportsRepository } from './reports.repository';
import { reportFileName } from './report-file-name';

/** One approved report to one committee recipient, with the archived PDF attached. */
@Injectable()
export class SendReportMail {
  private readonly logger = new Logger(SendReportMail.name);

  constructor(
    private readonly sends: ReportSendsRepository,
    private readonly reports: ReportsRepository,
    private readonly archive: ReportArchiveRepository,
    private readonly mailer: Mailer,
  ) {}

  async execute(sendId: string, attempt: { attempt: number; maxAttempts: number }): Promise<void> {
    const send = await this.sends.find(sendId);
    if (!send || send.status !== 'pending') return;
    const report = await this.reports.find(send.reportId);
    const archived = report ? await this.archive.find(report.id, 'da') : null;
    if (!report || !archived) throw new Error(`report ${send.reportId} has no archived PDF`);
    const f = formatters('da');
    const title = archived.html.match(/<title>([^<]*)<\/title>/)?.[1]?.replace(/&amp;/g, '&') ?? 'Statusrapport';
    try {
      await this.mailer.send({
        to: `"${send.recipient.name.replace(/"/g, "'")}" <${send.recipient.email}>`,
        subject: title,
        messageId: send.messageId,
        text: [
          `Til ${send.recipient.name}`,
          '',
          `Hermed statusrapporten for ${f.municipality(report.municipality)} Kommunes plan for perioden ${f.period(report.period.from)} – ${f.period(report.period.to)}, godkendt ${f.date(report.approvedAt)}.`,
          `Rapporten er vedhæftet som PDF (${archived.pages} sider).`,
          '',
          'Venlig hilsen',
          'Pejling',
        ].join('\n'),
        attachments: [{ filename: reportFileName(report), content: archived.pdf, contentType: 'application/pdf' }],
      });
    } catch (error) {
      await this.sends.markFailedAttempt(send.id, (error as Error).message, attempt.attempt >= attempt.maxAttempts);
      throw error;
    }
    await this.sends.markSent(send.id);
    this.logger.log({ sendId, reportId: report.id, attempt: attempt.attempt }, 'report emailed');
  }
}
