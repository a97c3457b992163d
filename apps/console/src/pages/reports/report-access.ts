import { NotFoundException } from '@nestjs/common';
import type { Report, ReportsRepository } from '../../reports/reports.repository';
import type { Viewer } from '../../web/viewer';

/** A report out of the viewer's municipalities is as unknown as a missing one (404, as the services answer). */
export async function reportInScope(reports: ReportsRepository, viewer: Viewer, id: string): Promise<Report> {
  const report = /^[0-9a-f-]{36}$/i.test(id) ? await reports.find(id) : null;
  if (!report || !(viewer.municipalities.includes('*') || viewer.municipalities.includes(report.municipality)))
    throw new NotFoundException();
  return report;
}
