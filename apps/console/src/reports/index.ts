import { ApproveReport } from './approve-report.use-case';
import { Clock } from './clock';
import { DraftDueReports } from './draft-due-reports.use-case';
import { DraftReport } from './draft-report.use-case';
import { GoalEvaluationsConsumer } from './goal-evaluations.consumer';
import { LoadReport } from './load-report.use-case';
import { PdfPrinter } from './pdf-printer';
import { ReportArchiveRepository } from './report-archive.repository';
import { ReportMailQueue } from './report-mail.queue';
import { ReportRenderer } from './report-renderer';
import { ReportSendsRepository } from './report-sends.repository';
import { ReportsRepository } from './reports.repository';
import { SaveCommentary } from './save-commentary.use-case';
import { SendReportMail } from './send-report-mail.use-case';

export { REPORTS_QUEUE } from './report-mail.queue';

/**
 * Committee reports: drafting (from the goals' judgements, or on demand), gathering, rendering to
 * HTML and PDF, approval, archive and email. The pages live in pages/reports.
 */
export const REPORT_CONTROLLERS = [GoalEvaluationsConsumer];
export const REPORT_PROVIDERS = [
  Clock,
  ReportsRepository,
  ReportArchiveRepository,
  ReportSendsRepository,
  DraftReport,
  DraftDueReports,
  LoadReport,
  PdfPrinter,
  ReportRenderer,
  ApproveReport,
  SaveCommentary,
  SendReportMail,
  ReportMailQueue,
];
