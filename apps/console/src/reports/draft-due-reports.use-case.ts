import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { planSchema } from '@pejling/domain-goals';
import { periodEndMonth } from '@pejling/domain-kernel';
import { isAutoDraftDue, reportPeriodEndingIn } from '@pejling/domain-reports';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { ServicesClient } from '../services/services-client';
import { Clock } from './clock';
import { DraftReport } from './draft-report.use-case';
import { reportViewer } from './report-viewer';

const planSummaries = z.array(z.looseObject({ id: z.string(), municipality: z.string() }));
const planView = z.looseObject({ document: z.unknown() });

/** A municipality's goals were judged for a period: the month that arrived. */
export interface JudgedMonth {
  municipality: string;
  period: string;
}

/**
 * Drafts the reports the judged months complete: a plan of the municipality whose report months
 * include the month, when that report period ended lately enough to be due (REPORT_AUTO_DRAFT_MONTHS).
 */
@Injectable()
export class DraftDueReports {
  constructor(
    private readonly services: ServicesClient,
    private readonly draftReport: DraftReport,
    private readonly clock: Clock,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async execute(judged: readonly JudgedMonth[]): Promise<number> {
    const now = this.clock.now();
    const months = new Map<string, Set<string>>();
    for (const { municipality, period } of judged) {
      const month = periodEndMonth(period);
      // Only a recent month can close a report period that is due; a backfill's months ask nothing of goals.
      if (!isAutoDraftDue({ from: month, to: month }, now, this.env.REPORT_AUTO_DRAFT_MONTHS)) continue;
      months.set(municipality, (months.get(municipality) ?? new Set()).add(month));
    }
    let drafted = 0;
    for (const [municipality, monthsJudged] of months) {
      const api = this.services.forUser(reportViewer(municipality));
      const plans = (await api.get('goals', `/v1/plans`, planSummaries)).filter((plan) => plan.municipality === municipality);
      for (const summary of plans) {
        const plan = planSchema.safeParse((await api.get('goals', `/v1/plans/${encodeURIComponent(summary.id)}`, planView)).document);
        if (!plan.success) continue;
        for (const month of monthsJudged) {
          const period = reportPeriodEndingIn(month, plan.data.reporting.months);
          if (!period || !isAutoDraftDue(period, now, this.env.REPORT_AUTO_DRAFT_MONTHS)) continue;
          const { created } = await this.draftReport.execute(
            { planId: plan.data.id, municipality, period, trigger: 'figures', createdBy: null },
            { id: null, email: 'system' },
          );
          if (created) drafted += 1;
        }
      }
    }
    return drafted;
  }
}
