import { findSeries, formatNumberDa, formatNumberEn } from '@pejling/domain-kernel';

export interface Driver {
  series: string;
  change: number;
}

/**
 * For a benefit-group indicator, the benefit types whose full-time persons moved the most since
 * the previous evaluation, largest absolute change first (at most `limit`, ignoring no change).
 */
export function changeDrivers(previous: Record<string, number> | undefined, current: Record<string, number>, limit = 2): Driver[] {
  if (!previous || Object.keys(previous).length === 0 || Object.keys(current).length < 2) return [];
  return Object.entries(current)
    .map(([series, value]) => ({ series, change: value - (previous[series] ?? 0) }))
    .filter((driver) => driver.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.series.localeCompare(b.series))
    .slice(0, limit);
}

/** "Ændringen skyldes især Sygedagpenge (+94) og Jobafklaringsforløb (-5)." and its English twin. */
export function explainDrivers(drivers: readonly Driver[]): { da: string; en: string } | null {
  if (drivers.length === 0) return null;
  const list = (lang: 'da' | 'en') =>
    drivers
      .map(({ series, change }) => {
        const label = (lang === 'da' ? findSeries(series)?.labelDa : findSeries(series)?.labelEn) ?? series;
        const amount = lang === 'da' ? formatNumberDa(change, 0) : formatNumberEn(change, 0);
        return `${label} (${change > 0 ? '+' : ''}${amount})`;
      })
      .join(lang === 'da' ? ' og ' : ' and ');
  return {
    da: `Ændringen siden sidste opgørelse skyldes især ${list('da')} fuldtidspersoner.`,
    en: `The change since the last evaluation comes mainly from ${list('en')} full-time persons.`,
  };
}
