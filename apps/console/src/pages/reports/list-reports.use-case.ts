import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { addMonths, monthOf } from '@pejling/domain-kernel';
import { Clock } from '../../reports/clock';
import { Report, ReportsRepository } from '../../reports/reports.repository';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';

const planSummaries = z.array(z.looseObject({ id: z.string(), municipality: z.string(), title: z.string() }));

export interface ReportsView {
  reports: Report[];
  plans: { id: string; municipality: string; title: string }[];
  /** The form's default: the half-year that ended last. */
  suggested: { from: string; to: string };
}

/** The reports page: the viewer's municipalities' reports, newest period first, and the plans to make one of. */
@Injectable()
export class ListReports {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly services: ServicesClient,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer): Promise<ReportsView> {
    const [reports, plans] = await Promise.all([
      this.reports.list(viewer.municipalities, 200),
      this.services.forUser(viewer).get('goals', '/v1/plans', planSummaries),
    ]);
    const lastMonth = addMonths(monthOf(this.clock.now()), -1);
    const month = Number(lastMonth.slice(5, 7));
    const to = addMonths(lastMonth, -(month % 6));
    return {
      reports,
      plans: plans.map(({ id, municipality, title }) => ({ id, municipality, title })),
      suggested: { from: addMonths(to, -5), to },
    };
  }
}
