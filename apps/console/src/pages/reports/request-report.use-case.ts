import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DraftReport } from '../../reports/draft-report.use-case';
import { Report } from '../../reports/reports.repository';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';

const planSummary = z.looseObject({ document: z.looseObject({ id: z.string(), municipality: z.string() }) });

/** A report on demand: the plan must be one the person may see (the goals service decides: 404 otherwise). */
@Injectable()
export class RequestReport {
  constructor(
    private readonly services: ServicesClient,
    private readonly draftReport: DraftReport,
  ) {}

  async execute(viewer: Viewer, planId: string, period: { from: string; to: string }): Promise<{ report: Report; created: boolean }> {
    const { document } = await this.services.forUser(viewer).get('goals', `/v1/plans/${encodeURIComponent(planId)}`, planSummary);
    return this.draftReport.execute(
      { planId: document.id, municipality: document.municipality, period, trigger: 'on-demand', createdBy: viewer.email },
      { id: viewer.id, email: viewer.email },
    );
  }
}
