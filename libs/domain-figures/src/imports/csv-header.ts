import { parsePeriod, Period } from '@pejling/domain-kernel';
import type { PrintedChange } from '../quality/printed-table';

export type CsvField = 'municipality' | 'series' | 'period' | 'value' | 'unit' | 'source';

/** Column headers as analysts' exports name them (Danish and English), folded to lower case without accents. */
const HEADER_ALIASES: Record<CsvField, string[]> = {
  municipality: ['municipality', 'kommune', 'kommunekode', 'omrade', 'area', 'kommunenr'],
  series: ['series', 'serie', 'ydelse', 'ydelsestype', 'ydelsesgrupper', 'ydelsesgruppe', 'benefit'],
  period: ['period', 'periode', 'maned', 'month', 'tid'],
  value: ['value', 'vaerdi', 'antal', 'fuldtidspersoner', 'fuldtidspersonerfp', 'personer', 'andel', 'count'],
  unit: ['unit', 'enhed'],
  source: ['source', 'kilde'],
};

export function foldHeader(header: string): string {
  // Every row of a long file folds its municipality and benefit labels: the same few hundred strings.
  const known = folded.get(header);
  if (known !== undefined) return known;
  const result = foldUncached(header);
  if (folded.size >= 10_000) folded.clear();
  folded.set(header, result);
  return result;
}

const folded = new Map<string, string>();

function foldUncached(header: string): string {
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

/**
 * Long layout: one figure per row (municipality, series, period, value columns). Wide layout, as
 * Jobindsats pivots and the plans' own tables print it: one row per series and one column per
 * period ("2021 årsgennemsnit;Juli 2020;Juli 2021"), and development columns ("Udvikling",
 * "Udvikling i pct." or "%") between two of those periods, which are checked, not stored.
 */
export interface CsvLayout {
  /** The header's cells; a data row with a non-empty cell beyond them is refused. */
  headers: readonly string[];
  columns: Partial<Record<CsvField, number>>;
  periodColumns: { index: number; period: Period }[];
  changeColumns: ChangeColumn[];
}

export interface ChangeColumn extends Pick<PrintedChange, 'kind' | 'column' | 'from' | 'to'> {
  index: number;
}

export type HeaderMap = { ok: true; layout: CsvLayout } | { ok: false; reason: string };

/** Maps a header row; `municipality` may be left out when the import names one for the whole file. */
export function mapHeader(headers: readonly string[], options: { defaultMunicipality?: boolean } = {}): HeaderMap {
  const columns: Partial<Record<CsvField, number>> = {};
  const periodColumns: CsvLayout['periodColumns'] = [];
  const developments: { index: number; development: Development }[] = [];
  headers.forEach((header, index) => {
    const folded = foldHeader(header);
    const field = (Object.keys(HEADER_ALIASES) as CsvField[]).find((candidate) => HEADER_ALIASES[candidate].includes(folded));
    if (field && columns[field] === undefined) columns[field] = index;
    else if (!field) {
      const period = parseHeaderPeriod(header);
      const development = period ? undefined : parseDevelopmentHeader(header);
      if (period) periodColumns.push({ index, period });
      else if (development) developments.push({ index, development });
    }
  });
  const long = columns.period !== undefined && columns.value !== undefined;
  const missing = [
    ...(columns.municipality === undefined && !options.defaultMunicipality ? ['municipality'] : []),
    ...(columns.series === undefined ? ['series'] : []),
    ...(!long && periodColumns.length === 0 ? (['period', 'value'] as CsvField[]).filter((field) => columns[field] === undefined) : []),
  ];
  if (missing.length > 0) {
    const found = headers.map((h) => `"${h.replace(/^\uFEFF/, '')}"`).join(', ');
    return {
      ok: false,
      reason: `the header row has no column for ${missing.join(', ')} (found: ${found}); periods may also be columns, such as "2021M07" or "Juli 2021"`,
    };
  }
  const changeColumns = long ? [] : developments.flatMap(({ index, development }) => changeColumn(index, development, periodColumns));
  return { ok: true, layout: { headers, columns, periodColumns: long ? [] : periodColumns, changeColumns } };
}

interface Development {
  kind: PrintedChange['kind'];
  column: string;
  between?: [Period, Period];
}

/** "Udvikling", "Udvikling (Juli-20 – Juli-21)", "Udvikling i pct. (…)", "Ændring i %", "%". */
export function parseDevelopmentHeader(header: string): Development | undefined {
  const column = header
    .replace(/<[^>]*>/g, '')
    .replace(/^\uFEFF/, '')
    .trim();
  const text = column.toLowerCase();
  const percent = text === '%' || /^(udvikling|ændring)\s+(i\s+)?(pct\.?|procent|%)/.test(text);
  if (!percent && !/^(udvikling|ændring)\b/.test(text)) return undefined;
  const named = /\(([^)]*)\)/
    .exec(text)?.[1]
    .split(/\s+[–—-]\s+/)
    .map((part) => parseHeaderPeriod(part));
  const between = named?.length === 2 && named[0] && named[1] ? ([named[0], named[1]] as [Period, Period]) : undefined;
  return { kind: percent ? 'percent' : 'absolute', column, between };
}

/**
 * The periods a development column compares: those its header names, else the first and the last
 * period column of the table's main kind (a year-average column beside two months is not one of them).
 * A development with nothing to compare is left out, as before.
 */
function changeColumn(index: number, development: Development, periods: CsvLayout['periodColumns']): ChangeColumn[] {
  if (development.between)
    return [{ index, kind: development.kind, column: development.column, from: development.between[0], to: development.between[1] }];
  const kindOf = (period: Period) => {
    const parsed = parsePeriod(period);
    return parsed.ok ? parsed.kind : undefined;
  };
  const last = periods.at(-1);
  const same = last
    ? periods
        .filter((column) => kindOf(column.period) === kindOf(last.period))
        .map((column) => column.period)
        .sort()
    : [];
  if (same.length < 2 || same[0] === same.at(-1)) return [];
  return [{ index, kind: development.kind, column: development.column, from: same[0], to: same.at(-1) as Period }];
}

const MONTHS: Record<string, number> = {
  januar: 1,
  jan: 1,
  january: 1,
  februar: 2,
  feb: 2,
  february: 2,
  marts: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** A column header that names a period: 2021M07, 2021-07, 2021Q2, "Juli 2021", "jul-21", "2. kv. 2021". */
export function parseHeaderPeriod(header: string): Period | undefined {
  const text = header
    .replace(/<[^>]*>/g, '')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
  if (/^\d{4}(-?\d{2}|m\d{2}|q\d|qmat\d{2}|y01)$/.test(text)) {
    const parsed = parsePeriod(text.toUpperCase());
    return parsed.ok ? parsed.period : undefined;
  }
  const month = /^([a-zæøå]+)\.?[\s-]+(\d{2}|\d{4})$/.exec(text);
  if (month && MONTHS[month[1]]) {
    const year = month[2].length === 2 ? `20${month[2]}` : month[2];
    return `${year}-${String(MONTHS[month[1]]).padStart(2, '0')}`;
  }
  // A year average as the plans print it ("2021 årsgennemsnit") is Jobindsats' figure for the year: the average of its months so far.
  const yearAverage = /^(\d{4})\s*årsgennemsnit$/.exec(text) ?? /^årsgennemsnit\s*(\d{4})$/.exec(text);
  if (yearAverage) return yearAverage[1];
  const quarter = /^([1-4])\.\s*(kv\.?|kvt\.?|kvartal)\s*(\d{4})$/.exec(text);
  return quarter ? `${quarter[3]}Q${quarter[1]}` : undefined;
}
