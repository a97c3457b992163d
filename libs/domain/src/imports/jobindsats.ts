import { FigureInput } from '../figure';
import { isFormulaInjection, parseDanishNumber } from './danish-number';
import { foldHeader, resolveMunicipality, resolveSeries } from './csv-row';

/** One table of a Jobindsats API v2 response: positional columns with Danish display labels, values as strings. */
export interface JobindsatsTable {
  Variables: { Label: string }[];
  Data: (string | number | null)[][];
}

/** How a configured table maps to figures. */
export interface JobindsatsTableConfig {
  table: string;
  /** The measure column to read, e.g. "Antal fuldtidspersoner". */
  measure: string;
  unit: 'full-time-persons' | 'persons' | 'percent' | 'count';
  /** A fixed series for single-benefit tables (y07a02 → sygedagpenge)… */
  series?: string;
  /** …or the column naming the benefit per row (e.g. "Ydelsesgrupper"). */
  seriesColumn?: string;
}

export interface JobindsatsMapping {
  figures: FigureInput[];
  problems: { row: number; field: string; reason: string }[];
}

const PERIOD_LABELS = ['periode', 'period'];
const AREA_LABELS = ['area', 'omrade', 'kommune'];

/**
 * Maps a Jobindsats v2 response (`[{ Variables, Data }]`) to figures, row by row. Areas that are
 * not municipalities (regions, "Hele landet") are skipped, not errors; months (`2021M07`) are
 * mapped; other period kinds are reported so nothing is silently dropped.
 */
export function mapJobindsatsResponse(response: readonly JobindsatsTable[], config: JobindsatsTableConfig): JobindsatsMapping {
  const figures: FigureInput[] = [];
  const problems: JobindsatsMapping['problems'] = [];
  for (const table of response) {
    const labels = table.Variables.map((variable) => foldHeader(variable.Label));
    const column = (names: string[]) => labels.findIndex((label) => names.includes(label));
    const periodAt = column(PERIOD_LABELS);
    const areaAt = column(AREA_LABELS);
    const measureAt = column([foldHeader(config.measure)]);
    const seriesAt = config.seriesColumn ? column([foldHeader(config.seriesColumn)]) : -1;
    const missing = [
      ...(periodAt < 0 ? ['Periode'] : []),
      ...(areaAt < 0 ? ['Area'] : []),
      ...(measureAt < 0 ? [config.measure] : []),
      ...(config.seriesColumn && seriesAt < 0 ? [config.seriesColumn] : []),
    ];
    if (missing.length > 0) {
      problems.push({ row: 0, field: 'Variables', reason: `table ${config.table} has no column ${missing.map((name) => `"${name}"`).join(', ')}` });
      continue;
    }
    table.Data.forEach((cells, index) => {
      const row = index + 1;
      const text = (at: number) => String(cells[at] ?? '').trim();
      const municipality = resolveMunicipality(text(areaAt));
      if (!municipality) return; // a region or the whole country: benchmarks are computed from the municipalities
      const period = text(periodAt);
      const month = /^(\d{4})M(\d{2})$/.exec(period);
      const raw = text(measureAt);
      const number = parseDanishNumber(raw);
      if (!month) problems.push({ row, field: 'period', reason: `period '${period}' is not a month (quarters, QMAT and years are not mapped yet)` });
      else if (isFormulaInjection(raw)) problems.push({ row, field: 'value', reason: 'looks like a spreadsheet formula; refused' });
      else if (!number.ok) problems.push({ row, field: 'value', reason: number.reason });
      else {
        const series = config.series ?? resolveSeries(text(seriesAt));
        figures.push({ municipality, series, period: `${month[1]}-${month[2]}`, value: number.value, unit: config.unit, source: `jobindsats:${config.table}` });
      }
    });
  }
  return { figures, problems };
}

