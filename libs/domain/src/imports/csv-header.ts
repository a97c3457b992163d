import { parsePeriod, Period } from '../period';

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
 * period ("Juli 2020;Juli 2021"); other columns such as "Udvikling i pct." are ignored.
 */
export interface CsvLayout {
  columns: Partial<Record<CsvField, number>>;
  periodColumns: { index: number; period: Period }[];
}

export type HeaderMap = { ok: true; layout: CsvLayout } | { ok: false; reason: string };

/** Maps a header row; `municipality` may be left out when the import names one for the whole file. */
export function mapHeader(headers: readonly string[], options: { defaultMunicipality?: boolean } = {}): HeaderMap {
  const columns: Partial<Record<CsvField, number>> = {};
  const periodColumns: CsvLayout['periodColumns'] = [];
  headers.forEach((header, index) => {
    const folded = foldHeader(header);
    const field = (Object.keys(HEADER_ALIASES) as CsvField[]).find((candidate) => HEADER_ALIASES[candidate].includes(folded));
    if (field && columns[field] === undefined) columns[field] = index;
    else if (!field) {
      const period = parseHeaderPeriod(header);
      if (period) periodColumns.push({ index, period });
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
    return { ok: false, reason: `the header row has no column for ${missing.join(', ')} (found: ${found}); periods may also be columns, such as "2021M07" or "Juli 2021"` };
  }
  return { ok: true, layout: { columns, periodColumns: long ? [] : periodColumns } };
}

const MONTHS: Record<string, number> = {
  januar: 1, jan: 1, january: 1, februar: 2, feb: 2, february: 2, marts: 3, mar: 3, march: 3, april: 4, apr: 4,
  maj: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7, july: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

/** A column header that names a period: 2021M07, 2021-07, 2021Q2, "Juli 2021", "jul-21", "2. kv. 2021". */
export function parseHeaderPeriod(header: string): Period | undefined {
  const text = header.replace(/<[^>]*>/g, '').replace(/^\uFEFF/, '').trim().toLowerCase();
  if (/^\d{4}(-?\d{2}|m\d{2}|q\d|qmat\d{2}|y01)$/.test(text)) {
    const parsed = parsePeriod(text.toUpperCase());
    return parsed.ok ? parsed.period : undefined;
  }
  const month = /^([a-zæøå]+)\.?[\s-]+(\d{2}|\d{4})$/.exec(text);
  if (month && MONTHS[month[1]]) {
    const year = month[2].length === 2 ? `20${month[2]}` : month[2];
    return `${year}-${String(MONTHS[month[1]]).padStart(2, '0')}`;
  }
  const quarter = /^([1-4])\.\s*(kv\.?|kvt\.?|kvartal)\s*(\d{4})$/.exec(text);
  return quarter ? `${quarter[3]}Q${quarter[1]}` : undefined;
}
