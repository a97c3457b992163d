import { addMonths, monthOf, monthsBetween, MONTHS_DA, MONTHS_EN, parseMonth, Period } from '@pejling/domain-kernel';

/** The months a committee report covers, both ends included (`2022-01` … `2022-06`). */
export interface ReportPeriod {
  from: Period;
  to: Period;
}

/** Every month of a report period, oldest first. */
export function monthsOf(period: ReportPeriod): Period[] {
  const count = monthsBetween(period.from, period.to);
  return Array.from({ length: count + 1 }, (_, offset) => addMonths(period.from, offset));
}

/**
 * The report period that ends with `month`, when `month` is one of the plan's report months
 * (`[6, 12]`: June closes January–June, December closes July–December); null otherwise. A period
 * starts the month after the report month before it, so the periods tile the year without gaps.
 */
export function reportPeriodEndingIn(month: Period, reportMonths: readonly number[]): ReportPeriod | null {
  if (!parseMonth(month).ok || !/^\d{4}-\d{2}$/.test(month)) return null;
  const sorted = [...new Set(reportMonths)].sort((a, b) => a - b);
  const monthNumber = Number(month.slice(5, 7));
  const at = sorted.indexOf(monthNumber);
  if (at < 0) return null;
  const previous = at > 0 ? sorted[at - 1] : sorted[sorted.length - 1] - 12;
  return { from: addMonths(month, previous - monthNumber + 1), to: month };
}

/** The report period just before one (for "what changed since the last report"). */
export function previousReportPeriod(period: ReportPeriod, reportMonths: readonly number[]): ReportPeriod | null {
  return reportPeriodEndingIn(addMonths(period.from, -1), reportMonths);
}

/**
 * Whether the figures of `to` arriving should draft its report by themselves: the period has ended
 * (by `now`) and ended at most `windowMonths` ago. Older periods (a backfill of history) are drafted
 * on demand only, so importing ten years of figures does not leave twenty drafts.
 */
export function isAutoDraftDue(period: ReportPeriod, now: Date, windowMonths: number): boolean {
  const age = monthsBetween(period.to, monthOf(now));
  return age >= 1 && age <= windowMonths;
}

/** "1. halvår 2022", "2. kvartal 2022", "2022" for the usual periods; "januar–april 2022" otherwise. */
export function reportPeriodLabel(period: ReportPeriod, lang: 'da' | 'en'): string {
  const length = monthsBetween(period.from, period.to) + 1;
  const year = period.to.slice(0, 4);
  const startMonth = Number(period.from.slice(5, 7));
  const sameYear = period.from.slice(0, 4) === year;
  if (sameYear && length === 12 && startMonth === 1) return year;
  if (sameYear && length === 6 && (startMonth === 1 || startMonth === 7)) {
    const half = startMonth === 1 ? 1 : 2;
    return lang === 'da' ? `${half}. halvår ${year}` : `${half === 1 ? 'H1' : 'H2'} ${year}`;
  }
  if (sameYear && length === 3 && (startMonth - 1) % 3 === 0) {
    const quarter = (startMonth - 1) / 3 + 1;
    return lang === 'da' ? `${quarter}. kvartal ${year}` : `Q${quarter} ${year}`;
  }
  const names = lang === 'da' ? MONTHS_DA : MONTHS_EN;
  if (period.from === period.to) return `${names[startMonth - 1]} ${year}`;
  const from = names[startMonth - 1] + (sameYear ? '' : ` ${period.from.slice(0, 4)}`);
  return `${from}–${names[Number(period.to.slice(5, 7)) - 1]} ${year}`;
}
