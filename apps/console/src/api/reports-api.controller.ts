import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UnprocessableEntityException, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { monthsBetween } from '@pejling/domain-kernel';
import { READERS } from '@pejling/platform';
import { GetReportFile } from '../pages/reports/get-report-pdf.use-case';
import { RequestReport } from '../pages/reports/request-report.use-case';
import { ListReports } from '../pages/reports/list-reports.use-case';
import { reportInScope } from '../pages/reports/report-access';
import { Report, ReportsRepository } from '../reports/reports.repository';
import { signedIn } from '../web/signed-in';
import { ConsoleRequest } from '../web/viewer';
import { ApiKeyAuth, ApiRoles, ApiRoute } from './api-key-auth.guard';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');
const requestBody = z
  .object({ planId: z.string().min(1).max(200), from: month, to: month })
  .strict()
  .refine((body) => body.to >= body.from, { path: ['to'], message: 'may not be before from' })
  .refine((body) => monthsBetween(body.from, body.to) < 24, { path: ['to'], message: 'a report covers at most 24 months' });

/**
 * The committee reports for integrators (`/api/v1/reports`, API keys): list them, make one on
 * demand, read one and fetch its PDF. Approval stays with a person in the console.
 */
@Controller('api/v1/reports')
@ApiRoute()
@UseGuards(ApiKeyAuth)
export class ReportsApiController {
  constructor(
    private readonly listReports: ListReports,
    private readonly requestReport: RequestReport,
    private readonly reportFile: GetReportFile,
    private readonly reports: ReportsRepository,
  ) {}

  @Get()
  @ApiRoles(...READERS)
  async list(@Req() request: ConsoleRequest, @Query('plan') plan?: string) {
    const { reports } = await this.listReports.execute(signedIn(request));
    return reports.filter((report) => !plan || report.planId === plan).map(reportJson);
  }

  @Post()
  @HttpCode(201)
  @ApiRoles('admin', 'operator', 'integrator')
  async create(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: Response, @Body() body: unknown) {
    const parsed = requestBody.safeParse(body);
    if (!parsed.success) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'Not a valid report request',
        errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', reason: issue.message })),
      });
    }
    const { report, created } = await this.requestReport.execute(signedIn(request), parsed.data.planId, {
      from: parsed.data.from,
      to: parsed.data.to,
    });
    if (!created) response.status(200);
    return reportJson(report);
  }

  @Get(':id')
  @ApiRoles(...READERS)
  async one(@Req() request: ConsoleRequest, @Param('id') id: string) {
    return reportJson(await reportInScope(this.reports, signedIn(request), id));
  }

  @Get(':id/report.pdf')
  @ApiRoles(...READERS)
  async pdf(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const file = await this.reportFile.execute(signedIn(request), id, lang === 'en' ? 'en' : 'da', 'pdf');
    response.status(200).type('application/pdf').setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    if (file.pages !== null) response.setHeader('x-report-pages', String(file.pages));
    response.send(file.content);
  }
}

function reportJson(report: Report) {
  return {
    id: report.id,
    planId: report.planId,
    municipality: report.municipality,
    period: report.period,
    status: report.status,
    trigger: report.trigger,
    createdAt: report.createdAt.toISOString(),
    approvedAt: report.approvedAt?.toISOString() ?? null,
    links: {
      self: `/api/v1/reports/${report.id}`,
      pdf: `/api/v1/reports/${report.id}/report.pdf`,
      pdfEnglish: `/api/v1/reports/${report.id}/report.pdf?lang=en`,
      console: `/reports/${report.id}`,
    },
  };
}
