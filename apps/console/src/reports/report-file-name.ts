import type { Report } from './reports.repository';

/** `frederiksberg-2022_2022-01_2022-06.pdf`: the plan and period, safe in any mail client. */
export function reportFileName(report: Pick<Report, 'planId' | 'period'>, lang: 'da' | 'en' = 'da'): string {
  return `${report.planId}_${report.period.from}_${report.period.to}${lang === 'en' ? '_en' : ''}.pdf`;
}
