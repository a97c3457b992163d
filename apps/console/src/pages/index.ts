import type { ConsolePage } from '../web/console-page';
import { BoardController } from './board/board.controller';
import { LoadBoard } from './board/load-board.use-case';
import { AcknowledgeEpisode } from './alerts/acknowledge-episode.use-case';
import { AlertsController } from './alerts/alerts.controller';
import { CreateSilence } from './alerts/create-silence.use-case';
import { EndSilence } from './alerts/end-silence.use-case';
import { LoadAlerts } from './alerts/load-alerts.use-case';
import { RevokeAckLinks } from './alerts/revoke-ack-links.use-case';
import { GoalController } from './goal/goal.controller';
import { LoadGoalPage } from './goal/load-goal-page.use-case';
import { AuditController } from './audit/audit.controller';
import { SearchAuditLog } from './audit/search-audit-log.use-case';
import { CompletePasswordReset } from './password-reset/complete-password-reset.use-case';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { RequestPasswordReset } from './password-reset/request-password-reset.use-case';
import { CreateUser } from './users/create-user.use-case';
import { LoadLinkChoices } from './users/link-choices';
import { ListUsers } from './users/list-users.use-case';
import { UpdateUser } from './users/update-user.use-case';
import { UsersController } from './users/users.controller';
import { AccessibilityController } from './accessibility/accessibility.controller';
import { ADMIN_PAGES } from './admin/admin.pages';
import { LanguageController } from './language/language.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { SignIn } from './sign-in/sign-in.use-case';
import { SignOut } from './sign-in/sign-out.use-case';
import { DataImportsController } from './data/imports/imports.controller';
import { GetImport } from './data/imports/get-import.use-case';
import { ListImports } from './data/imports/list-imports.use-case';
import { UploadImport } from './data/imports/upload-import.use-case';
import { DataPullsController } from './data/pulls/pulls.controller';
import { LoadPulls } from './data/pulls/load-pulls.use-case';
import { RunPull } from './data/pulls/run-pull.use-case';
import { DataQualityController } from './data/quality/quality.controller';
import { ListFlags } from './data/quality/list-flags.use-case';
import { DataRevisionsController } from './data/revisions/revisions.controller';
import { LoadRevisions } from './data/revisions/load-revisions.use-case';
import { GetReportFile } from './reports/get-report-pdf.use-case';
import { ListReports } from './reports/list-reports.use-case';
import { ReportsController } from './reports/reports.controller';
import { RequestReport } from './reports/request-report.use-case';
import { ShowReport } from './reports/show-report.use-case';
import { PublicController } from './public/public.controller';
import { ListPublicMunicipalities } from './public/list-public-municipalities.use-case';
import { LoadPublicPage } from './public/load-public-page.use-case';
import { LoadPublicFeed } from './public/load-public-feed.use-case';
import { PublicServicesClient } from '../services/public-services-client';
import { PublicRateLimitGuard } from '../web/public-rate-limit.guard';

/**
 * Every page or feature of the console, one folder each (controller + use cases + templates + texts).
 * To add one: create pages/<name>/, then list its controller and use cases here.
 */
export const CONSOLE_PAGES: ConsolePage[] = [
  { controllers: [SignInController], providers: [SignIn, SignOut] },
  { controllers: [BoardController], providers: [LoadBoard] },
  { controllers: [GoalController], providers: [LoadGoalPage] },
  { controllers: [AlertsController], providers: [LoadAlerts, AcknowledgeEpisode, CreateSilence, EndSilence, RevokeAckLinks] },
  { controllers: [PasswordResetController], providers: [RequestPasswordReset, CompletePasswordReset] },
  { controllers: [UsersController], providers: [ListUsers, CreateUser, UpdateUser, LoadLinkChoices] },
  { controllers: [AuditController], providers: [SearchAuditLog] },
  { controllers: [LanguageController], providers: [] },
  { controllers: [AccessibilityController], providers: [] },
  { controllers: [DataImportsController], providers: [UploadImport, ListImports, GetImport] },
  { controllers: [DataPullsController], providers: [LoadPulls, RunPull] },
  { controllers: [DataQualityController], providers: [ListFlags] },
  { controllers: [DataRevisionsController], providers: [LoadRevisions] },
  { controllers: [ReportsController], providers: [ListReports, ShowReport, RequestReport, GetReportFile] },
  {
    controllers: [PublicController],
    providers: [PublicServicesClient, PublicRateLimitGuard, ListPublicMunicipalities, LoadPublicPage, LoadPublicFeed],
  },
  ...ADMIN_PAGES,
];
