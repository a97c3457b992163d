import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { monthsBetween } from '@pejling/domain-kernel';
import { ApproveReport, ReportAlreadyApproved, ReportHasNoRecipients } from '../../reports/approve-report.use-case';
import { ReportsRepository } from '../../reports/reports.repository';
import { ReportNotDraft, SaveCommentary } from '../../reports/save-commentary.use-case';
import { ServiceRejection } from '../../services/service-errors';
import { RequireRole } from '../../web/access';
import { parseForm } from '../../web/form';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { signedIn } from '../../web/signed-in';
import { ConsoleRequest } from '../../web/viewer';
import { GetReportFile } from './get-report-pdf.use-case';
import { ListReports } from './list-reports.use-case';
import { reportInScope } from './report-access';
import { REPORTS_TEXTS, ReportsTexts } from './reports.texts';
import { RequestReport } from './request-report.use-case';
import { ShowReport } from './show-report.use-case';

const NOTICES = { created: 'created', exists: 'exists', saved: 'saved', approved: 'approved' } as const;
const langQuery = z.enum(['da', 'en']).catch('da');
const MAX_COMMENTARY = 20_000;

function requestSchema(texts: ReportsTexts) {
  const month = z
    .string({ error: texts.monthInvalid })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, texts.monthInvalid);
  return z
    .object({ planId: z.string({ error: texts.planRequired }).trim().min(1, texts.planRequired).max(200), from: month, to: month })
    .refine((form) => form.to >= form.from, { path: ['to'], message: texts.toBeforeFrom })
    .refine((form) => monthsBetween(form.from, form.to) < 24, { path: ['to'], message: texts.tooLong });
}

/** The committee reports: list and make one, read a report, comment per focus area, approve and send, download. */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listReports: ListReports,
    private readonly showReport: ShowReport,
    private readonly requestReport: RequestReport,
    private readonly saveCommentary: SaveCommentary,
    private readonly approveReport: ApproveReport,
    private readonly reportFile: GetReportFile,
    private readonly reports: ReportsRepository,
  ) {}

  @Get()
  async list(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    const texts = REPORTS_TEXTS[languageOf(request)];
    const view = await this.listReports.execute(signedIn(request));
    this.pages.send(
      request,
      response,
      'pages/reports/reports',
      { texts, ...view, values: { ...view.suggested, planId: view.plans[0]?.id ?? '' }, errors: {}, notice: noticeText(texts, notice) },
      { title: texts.title, nav: 'reports' },
    );
  }

  @Post()
  @RequireRole('operator')
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = REPORTS_TEXTS[languageOf(request)];
    const viewer = signedIn(request);
    const form = parseForm(requestSchema(texts), body);
    const rerender = async (errors: Record<string, string>, values: Record<string, string>) => {
      const view = await this.listReports.execute(viewer);
      this.pages.send(
        request,
        response,
        'pages/reports/reports',
        { texts, ...view, values, errors },
        { title: texts.title, nav: 'reports', status: 422 },
      );
    };
    if (!form.ok) return rerender(form.errors, form.values);
    try {
      const { report, created } = await this.requestReport.execute(viewer, form.data.planId, { from: form.data.from, to: form.data.to });
      response.redirect(303, `/reports/${report.id}?notice=${created ? 'created' : 'exists'}`);
    } catch (error) {
      if (error instanceof ServiceRejection && error.status === 404) return rerender({ planId: texts.unknownPlan }, { ...form.data });
      throw error;
    }
  }

  @Get(':id')
  async page(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const lang = languageOf(request);
    const texts = REPORTS_TEXTS[lang];
    const view = await this.showReport.execute(signedIn(request), id, lang);
    this.pages.send(
      request,
      response,
      'pages/reports/report',
      { texts, ...view, errors: {}, notice: noticeText(texts, notice) },
      { title: `${texts.report}: ${view.report.planId}`, nav: 'reports' },
    );
  }

  @Post(':id/commentary')
  @RequireRole('operator')
  async comment(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const lang = languageOf(request);
    const texts = REPORTS_TEXTS[lang];
    const viewer = signedIn(request);
    const report = await reportInScope(this.reports, viewer, id);
    const fields = z.record(z.string(), z.unknown()).catch({}).parse(body);
    const commentary = Object.fromEntries(
      Object.entries(fields)
        .filter((entry): entry is [string, string] => entry[0].startsWith('area-') && typeof entry[1] === 'string')
        .map(([key, value]) => [key.slice('area-'.length), value]),
    );
    const tooLong = Object.keys(commentary).filter((area) => commentary[area].length > MAX_COMMENTARY);
    if (tooLong.length > 0)
      return this.rerender(
        request,
        response,
        id,
        Object.fromEntries(tooLong.map((area) => [`area-${area}`, texts.commentaryTooLong(MAX_COMMENTARY)])),
        422,
      );
    try {
      await this.saveCommentary.execute(report, commentary, viewer);
    } catch (error) {
      if (error instanceof ReportNotDraft) return this.rerender(request, response, id, { commentary: texts.alreadyApproved }, 409);
      throw error;
    }
    response.redirect(303, `/reports/${report.id}?notice=saved`);
  }

  @Post(':id/approve')
  @RequireRole('operator')
  async approve(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const texts = REPORTS_TEXTS[languageOf(request)];
    const viewer = signedIn(request);
    const report = await reportInScope(this.reports, viewer, id);
    try {
      await this.approveReport.execute(report, viewer);
    } catch (error) {
      if (error instanceof ReportAlreadyApproved) return this.rerender(request, response, id, { approve: texts.alreadyApproved }, 409);
      if (error instanceof ReportHasNoRecipients) return this.rerender(request, response, id, { approve: texts.noRecipients }, 422);
      throw error;
    }
    response.redirect(303, `/reports/${report.id}?notice=approved`);
  }

  @Get(':id/report.pdf')
  async pdf(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const file = await this.reportFile.execute(signedIn(request), id, langQuery.parse(lang), 'pdf');
    response.status(200).type('application/pdf').setHeader('cache-control', 'no-store');
    response.setHeader('content-disposition', `inline; filename="${file.fileName}"`);
    if (file.pages !== null) response.setHeader('x-report-pages', String(file.pages));
    response.send(file.content);
  }

  @Get(':id/report.html')
  async html(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const file = await this.reportFile.execute(signedIn(request), id, langQuery.parse(lang), 'html');
    // The printable document carries its own styles inline; it is ours, so it may.
    response.status(200).type('html').setHeader('cache-control', 'no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
    response.send(file.content);
  }

  private async rerender(
    request: ConsoleRequest,
    response: Response,
    id: string,
    errors: Record<string, string>,
    status: number,
  ): Promise<void> {
    const lang = languageOf(request);
    const texts = REPORTS_TEXTS[lang];
    const view = await this.showReport.execute(signedIn(request), id, lang);
    this.pages.send(
      request,
      response,
      'pages/reports/report',
      { texts, ...view, errors },
      { title: `${texts.report}: ${view.report.planId}`, nav: 'reports', status },
    );
  }
}

function noticeText(texts: ReportsTexts, notice: string | undefined): string | undefined {
  const key = NOTICES[notice as keyof typeof NOTICES];
  return key ? texts[key] : undefined;
}
