import { FigureInput, FieldError } from '../figure';
import { MUNICIPALITIES } from '../municipalities';
import { allSeries } from '../series';
import { isFormulaInjection, parseDanishNumber } from './danish-number';

type Field = 'municipality' | 'series' | 'period' | 'value' | 'unit' | 'source';

/** Column headers as analysts' exports name them (Danish and English), folded to lower case without accents. */
const HEADER_ALIASES: Record<Field, string[]> = {
  municipality: ['municipality', 'kommune', 'kommunekode', 'omrade', 'area', 'kommunenr'],
  series: ['series', 'serie', 'ydelse', 'ydelsestype', 'ydelsesgrupper', 'ydelsesgruppe', 'benefit'],
  period: ['period', 'periode', 'maned', 'month', 'tid'],
  value: ['value', 'vaerdi', 'antal', 'fuldtidspersoner', 'fuldtidspersonerfp', 'personer', 'andel', 'count'],
  unit: ['unit', 'enhed'],
  source: ['source', 'kilde'],
};

export function foldHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

export type HeaderMap = { ok: true; columns: Partial<Record<Field, number>> } | { ok: false; reason: string };

/** Maps a header row to Pejling's fields; municipality, series, period and value are required. */
export function mapHeader(headers: readonly string[]): HeaderMap {
  const columns: Partial<Record<Field, number>> = {};
  headers.forEach((header, index) => {
    const folded = foldHeader(header);
    for (const field of Object.keys(HEADER_ALIASES) as Field[]) {
      if (columns[field] === undefined && HEADER_ALIASES[field].includes(folded)) columns[field] = index;
    }
  });
  const missing = (['municipality', 'series', 'period', 'value'] as Field[]).filter((field) => columns[field] === undefined);
  if (missing.length > 0) {
    return { ok: false, reason: `the header row has no column for ${missing.join(', ')} (found: ${headers.map((h) => `"${h.replace(/^\uFEFF/, '')}"`).join(', ')})` };
  }
  return { ok: true, columns };
}

const municipalityByName = new Map(MUNICIPALITIES.map((m) => [foldHeader(m.name), m.code]));
const seriesByLabel = new Map(
  allSeries().flatMap((s) => [s.labelDa, s.id, ...(s.aliases ?? [])].map((label) => [foldHeader(label), s.id] as const)),
);

/** A municipality as code (`147`) or as Jobindsats names it (`Frederiksberg`). */
export function resolveMunicipality(cell: string): string | undefined {
  const text = cell.trim();
  if (/^\d{3}$/.test(text)) return text;
  return municipalityByName.get(foldHeader(text));
}

/** A series as id (`sygedagpenge`) or as Jobindsats labels it (`Sygedagpenge`, `Jobafklaringsforløb`). */
export function resolveSeries(cell: string): string {
  return seriesByLabel.get(foldHeader(cell)) ?? cell.trim();
}

export type RowResult = { ok: true; figure: FigureInput } | { ok: false; errors: FieldError[] };

/**
 * One CSV row to a figure: Danish numbers, municipality names, series labels; a `%` value is a
 * share. The unit and source fall back to the import's defaults. Domain validation follows separately.
 */
export function mapCsvRow(cells: readonly string[], columns: Partial<Record<Field, number>>, defaults: { unit?: string; source: string }): RowResult {
  const errors: FieldError[] = [];
  const cell = (field: Field) => (columns[field] === undefined ? undefined : (cells[columns[field] as number] ?? '').trim());
  for (const field of Object.keys(columns) as Field[]) {
    const text = cell(field);
    if (text && isFormulaInjection(text)) errors.push({ field, reason: `looks like a spreadsheet formula ('${text.slice(0, 20)}'); refused` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const municipalityText = cell('municipality') ?? '';
  const municipality = resolveMunicipality(municipalityText);
  if (!municipality) errors.push({ field: 'municipality', reason: `'${municipalityText}' is neither a municipality code nor a municipality name` });
  const number = parseDanishNumber(cell('value') ?? '');
  if (!number.ok) errors.push({ field: 'value', reason: number.reason });
  if (errors.length > 0) return { ok: false, errors };
  const series = resolveSeries(cell('series') ?? '');
  const unit = cell('unit') || (number.ok && number.percent ? 'percent' : defaults.unit ?? allSeries().find((s) => s.id === series)?.unit ?? '');
  return {
    ok: true,
    figure: {
      municipality: municipality as string,
      series,
      period: cell('period') ?? '',
      value: number.ok ? number.value : Number.NaN,
      unit,
      source: cell('source') || defaults.source,
    },
  };
}
