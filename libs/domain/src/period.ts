/** A month in canonical form `YYYY-MM`. */
export type Period = string;

export type PeriodParse = { ok: true; period: Period } | { ok: false; reason: string };

const MONTHS_DA = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Accepts `2021-07` and Jobindsats' `2021M07`; returns the canonical `2021-07` or why not. */
export function parsePeriod(input: string): PeriodParse {
  const match = /^(\d{4})(?:-|M)(\d{2})$/.exec(input.trim());
  if (!match) return { ok: false, reason: `'${input}' is not a month; use YYYY-MM (e.g. 2021-07) or YYYYMmm (e.g. 2021M07)` };
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { ok: false, reason: `month ${match[2]} does not exist` };
  if (year < 2000 || year > 2100) return { ok: false, reason: `year ${year} is outside 2000-2100` };
  return { ok: true, period: `${match[1]}-${match[2]}` };
}

export function comparePeriods(a: Period, b: Period): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A month after the current month (UTC) has not happened yet, so no figure can exist for it. */
export function isFuturePeriod(period: Period, now: Date): boolean {
  const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  return comparePeriods(period, current) > 0;
}

export function formatPeriodDa(period: Period): string {
  const [year, month] = period.split('-');
  return `${MONTHS_DA[Number(month) - 1]} ${year}`;
}

export function formatPeriodEn(period: Period): string {
  const [year, month] = period.split('-');
  return `${MONTHS_EN[Number(month) - 1]} ${year}`;
}

/** The month a moment falls in (UTC), e.g. 2021-07. */
export function monthOf(date: Date): Period {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
