/**
 * A period in canonical form, one of the kinds Jobindsats publishes:
 * - month `2021-07` (Jobindsats `2021M07`);
 * - quarter `2021Q3`;
 * - rolling year `2021QMAT02`: the four quarters ending with quarter 2 of 2021 (July 2020 to June
 *   2021), as Jobindsats' benchmark tables (y30r21) use them;
 * - year `2021` (Jobindsats `2021Y01`).
 * Within one kind, canonical periods sort as text in time order.
 */
export type Period = string;
export type PeriodKind = 'month' | 'quarter' | 'rolling-year' | 'year';

export type PeriodParse = { ok: true; period: Period; kind: PeriodKind; endMonth: Period } | { ok: false; reason: string };

/** The months' names, January first, as plans and reports print them. */
export const MONTHS_DA = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];
export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const PATTERNS: { kind: PeriodKind; pattern: RegExp }[] = [
  { kind: 'month', pattern: /^(\d{4})(?:-|M)(\d{2})$/ },
  { kind: 'rolling-year', pattern: /^(\d{4})-?QMAT(\d{2})$/i },
  { kind: 'quarter', pattern: /^(\d{4})-?Q(\d)$/i },
  { kind: 'year', pattern: /^(\d{4})(?:Y01)?$/ },
];

const MONTH_FORMAT = 'use YYYY-MM (2021-07) or 2021M07, a quarter 2021Q3, a rolling year 2021QMAT02 or a year 2021';

/** Accepts every period syntax Jobindsats and analysts use; returns the canonical period, its kind and its last month. */
export function parsePeriod(input: string): PeriodParse {
  // A backfill parses the same few hundred period codes millions of times: remember them.
  const known = parsed.get(input);
  if (known) return known;
  const result = Object.freeze(parseUncached(input));
  if (parsed.size >= MAX_REMEMBERED_PERIODS) parsed.clear();
  parsed.set(input, result);
  return result;
}

const MAX_REMEMBERED_PERIODS = 10_000;
const parsed = new Map<string, PeriodParse>();

function parseUncached(input: string): PeriodParse {
  const text = input.trim();
  for (const { kind, pattern } of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < 2000 || year > 2100) return { ok: false, reason: `year ${year} is outside 2000-2100` };
    const part = match[2] === undefined ? 0 : Number(match[2]);
    if (kind === 'month' && (part < 1 || part > 12)) return { ok: false, reason: `month ${match[2]} does not exist` };
    if ((kind === 'quarter' || kind === 'rolling-year') && (part < 1 || part > 4))
      return { ok: false, reason: `quarter ${match[2]} does not exist` };
    const period = canonical(kind, match[1], part);
    return { ok: true, period, kind, endMonth: endMonthOf(kind, year, part) };
  }
  return { ok: false, reason: `'${input}' is not a period; ${MONTH_FORMAT}` };
}

/** Months only (baselines, deadlines, effective dates): `2021-07` or `2021M07`. */
export function parseMonth(input: string): { ok: true; period: Period } | { ok: false; reason: string } {
  const parsed = parsePeriod(input);
  if (parsed.ok && parsed.kind === 'month') return { ok: true, period: parsed.period };
  if (!parsed.ok && /does not exist|outside/.test(parsed.reason)) return parsed;
  return { ok: false, reason: `'${input.trim()}' is not a month; use YYYY-MM (e.g. 2021-07) or YYYYMmm (e.g. 2021M07)` };
}

function canonical(kind: PeriodKind, year: string, part: number): Period {
  switch (kind) {
    case 'month':
      return `${year}-${String(part).padStart(2, '0')}`;
    case 'quarter':
      return `${year}Q${part}`;
    case 'rolling-year':
      return `${year}QMAT${String(part).padStart(2, '0')}`;
    case 'year':
      return year;
  }
}

function endMonthOf(kind: PeriodKind, year: number, part: number): Period {
  const month = kind === 'month' ? part : kind === 'year' ? 12 : part * 3;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The period of the same kind just before a canonical one (June before July, Q2 before Q3, 2020 before 2021). */
export function previousPeriod(period: Period): Period {
  const parsed = parsePeriod(period);
  if (!parsed.ok) throw new Error(`not a canonical period: ${period}`);
  const year = Number(period.slice(0, 4));
  switch (parsed.kind) {
    case 'month': {
      const month = Number(period.slice(5, 7));
      return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    }
    case 'quarter': {
      const quarter = Number(period.slice(5));
      return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
    }
    case 'rolling-year': {
      const quarter = Number(period.slice(8));
      return quarter === 1 ? `${year - 1}QMAT04` : `${year}QMAT0${quarter - 1}`;
    }
    case 'year':
      return String(year - 1);
  }
}

/** The kind of a canonical period. */
export function periodKind(period: Period): PeriodKind {
  const parsed = parsePeriod(period);
  if (!parsed.ok) throw new Error(`not a canonical period: ${period}`);
  return parsed.kind;
}

/** The last month a canonical period covers (a month is its own last month). */
export function periodEndMonth(period: Period): Period {
  if (/^\d{4}-\d{2}$/.test(period)) return period;
  const parsed = parsePeriod(period);
  if (!parsed.ok) throw new Error(`not a canonical period: ${period}`);
  return parsed.endMonth;
}

/** Orders periods by the month they end in, then by their text (a quarter after the month it ends with). */
export function comparePeriods(a: Period, b: Period): number {
  const [endA, endB] = [periodEndMonth(a), periodEndMonth(b)];
  if (endA !== endB) return endA < endB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A period that ends after the current month (UTC) is not over yet, so no figure can exist for it. */
export function isFuturePeriod(period: Period, now: Date): boolean {
  return periodEndMonth(period) > monthOf(now);
}

export function formatPeriodDa(period: Period): string {
  return formatPeriod(period, 'da');
}

export function formatPeriodEn(period: Period): string {
  return formatPeriod(period, 'en');
}

function formatPeriod(period: Period, lang: 'da' | 'en'): string {
  const parsed = parsePeriod(period);
  if (!parsed.ok) return period;
  const year = period.slice(0, 4);
  const [endYear, endMonth] = parsed.endMonth.split('-');
  const monthName = (lang === 'da' ? MONTHS_DA : MONTHS_EN)[Number(endMonth) - 1];
  switch (parsed.kind) {
    case 'month':
      return `${monthName} ${endYear}`;
    case 'quarter':
      return lang === 'da' ? `${period.slice(5)}. kvartal ${year}` : `Q${period.slice(5)} ${year}`;
    case 'rolling-year':
      return lang === 'da' ? `de 12 måneder til og med ${monthName} ${endYear}` : `the 12 months to ${monthName} ${endYear}`;
    case 'year':
      return year;
  }
}

/** The month a moment falls in (UTC), e.g. 2021-07. */
export function monthOf(date: Date): Period {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
