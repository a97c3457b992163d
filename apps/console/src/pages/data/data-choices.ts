import { allSeries, COUNTRY_AREA_CODE, MUNICIPALITIES } from '@pejling/domain-kernel';
import type { Lang } from '../../web/language';
import type { Viewer } from '../../web/viewer';

export interface Choice {
  value: string;
  label: string;
}

/** The municipalities a viewer may act on (all 98 and the country for an unscoped viewer), by name. */
export function municipalityChoices(viewer: Viewer, lang: Lang, options: { country: boolean }): Choice[] {
  const all = viewer.municipalities.includes('*');
  const municipalities = MUNICIPALITIES.filter((m) => all || viewer.municipalities.includes(m.code))
    .map((m) => ({ value: m.code, label: m.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'da'));
  const country = options.country && all ? [{ value: COUNTRY_AREA_CODE, label: lang === 'da' ? 'Hele landet' : 'The whole country' }] : [];
  return [...country, ...municipalities];
}

/** Every municipality and the country (published statistics are visible to everyone). */
export function allAreaChoices(lang: Lang): Choice[] {
  return municipalityChoices({ municipalities: ['*'] } as Viewer, lang, { country: true });
}

/** The catalogue's series (benefit types, the population, the group subtotals) in the reader's language. */
export function seriesChoices(lang: Lang): Choice[] {
  return allSeries()
    .map((series) => ({ value: series.id, label: lang === 'da' ? series.labelDa : series.labelEn }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
}

export function seriesLabel(id: string, lang: Lang): string {
  const found = allSeries().find((series) => series.id === id);
  return found ? (lang === 'da' ? found.labelDa : found.labelEn) : id;
}

/** `102 MB`-style size in the reader's format. */
export function formatBytes(bytes: number, lang: Lang): string {
  const mb = bytes / (1024 * 1024);
  return `${mb.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 })} MB`;
}
