import { formatNumberDa, formatNumberEn, formatPeriodDa, formatPeriodEn, findMunicipality } from '@pejling/domain-kernel';
import type { Lang } from './language';

const TIME_ZONE = 'Europe/Copenhagen';

/**
 * Number, period and date formatting for the pages, in Danish (`1,9 %`, `juli 2021`, `2.113`) or
 * English. Numbers and periods use the domain's formatters, so pages say what the emails say.
 */
export interface Formatters {
  number(value: number | null | undefined, decimals?: number): string;
  /** A value in its unit: `1,88 %` for percent, `2.113` for a count, `0,1 pct.-point` for pp. */
  value(value: number | null | undefined, unit: string, decimals?: number): string;
  percent(value: number | null | undefined, decimals?: number): string;
  period(period: string | null | undefined): string;
  moment(iso: string | Date | null | undefined): string;
  date(iso: string | Date | null | undefined): string;
  /** Age since a moment, e.g. `3 dage` / `3 days`. */
  age(iso: string | Date, now?: Date): string;
  municipality(code: string): string;
}

export function formatters(lang: Lang): Formatters {
  const num = lang === 'da' ? formatNumberDa : formatNumberEn;
  const dash = '–';
  const numberOrDash = (value: number | null | undefined, decimals: number) =>
    value === null || value === undefined || !Number.isFinite(value) ? dash : num(value, decimals);
  const locale = lang === 'da' ? 'da-DK' : 'en-GB';
  const momentFormat = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'long' });
  const toDate = (iso: string | Date) => (iso instanceof Date ? iso : new Date(iso));
  return {
    number: (value, decimals = 0) => numberOrDash(value, decimals),
    percent: (value, decimals = 1) => (value === null || value === undefined ? dash : `${num(value, decimals)} %`),
    value: (value, unit, decimals) => {
      if (value === null || value === undefined) return dash;
      if (unit === 'percent') return `${num(value, decimals ?? 2)} %`;
      if (unit === 'pp') return `${num(value, decimals ?? 2)} ${lang === 'da' ? 'pct.-point' : 'pp'}`;
      return num(value, decimals ?? (Number.isInteger(value) ? 0 : 1));
    },
    period: (period) => (period ? (lang === 'da' ? formatPeriodDa(period) : formatPeriodEn(period)) : dash),
    moment: (iso) => (iso ? momentFormat.format(toDate(iso)) : dash),
    date: (iso) => (iso ? dateFormat.format(toDate(iso)) : dash),
    age: (iso, now = new Date()) => {
      const minutes = Math.max(0, Math.round((now.getTime() - toDate(iso).getTime()) / 60_000));
      const [amount, unit] =
        minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
      return new Intl.RelativeTimeFormat(locale, { numeric: 'always' })
        .format(-amount, unit as Intl.RelativeTimeFormatUnit)
        .replace(/^for |^in | siden$| ago$/g, '')
        .trim();
    },
    municipality: (code) =>
      code === '000'
        ? lang === 'da'
          ? 'Hele landet'
          : 'The whole country'
        : code === '*'
          ? lang === 'da'
            ? 'Alle kommuner'
            : 'All municipalities'
          : (findMunicipality(code)?.name ?? code),
  };
}
