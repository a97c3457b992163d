import { FigureInput } from '../figure';
import {
  allSeries,
  controlCharacterIn,
  COUNTRY_AREA_CODE,
  GROUP_TOTALS,
  isDirectIndicatorSeries,
  MUNICIPALITIES,
} from '@pejling/domain-kernel';
import type { PrintedChange, PrintedNumber, PrintedRow } from '../quality/printed-table';
import { CsvField, CsvLayout, foldHeader } from './csv-header';
import { isFormulaInjection, parseDanishNumber } from './danish-number';

export { foldHeader, mapHeader, parseHeaderPeriod } from './csv-header';
export type { CsvLayout, HeaderMap } from './csv-header';

const municipalityByName = new Map(MUNICIPALITIES.map((m) => [foldHeader(m.name), m.code]));
const seriesByLabel = new Map(
  allSeries().flatMap((s) => [s.labelDa, s.id, ...(s.aliases ?? [])].map((label) => [foldHeader(label), s.id] as const)),
);
/** How the plans' tables label a subtotal of the rows above it. */
const SUBTOTAL_LABEL = 'delsum';
/** Values a pivot leaves blank or Jobindsats withholds: no figure, no error. */
const EMPTY_CELLS = new Set(['', '.', '..', '-']);

/** A catalogue series has its unit; a plain number for a plan's own indicator is a count (a share carries its %). */
function unitOf(seriesId: string): string {
  return unitBySeries.get(seriesId) ?? (isDirectIndicatorSeries(seriesId) ? 'count' : '');
}
const unitBySeries = new Map(allSeries().map((s) => [s.id, s.unit]));

/** A municipality as code (`147`) or as Jobindsats names it (`Frederiksberg`). */
export function resolveMunicipality(cell: string): string | undefined {
  const text = cell.trim();
  if (/^\d{3}$/.test(text)) return text;
  return municipalityByName.get(foldHeader(text));
}

/** How Jobindsats and analysts name the whole country. */
const COUNTRY_NAMES = new Set(['hele landet', 'landsplan', 'danmark', 'hele danmark'].map((name) => foldHeader(name)));

/** An area: a municipality (code or name), or the whole country ("Hele landet", "Landsplan", "Danmark") as COUNTRY_AREA_CODE. */
export function resolveArea(cell: string): string | undefined {
  if (COUNTRY_NAMES.has(foldHeader(cell)) || cell.trim() === COUNTRY_AREA_CODE) return COUNTRY_AREA_CODE;
  return resolveMunicipality(cell);
}

/** A series as id (`sygedagpenge`) or as Jobindsats labels it (`Sygedagpenge`, `Jobafklaringsforløb`, `Sygedagpenge mv.`). */
export function resolveSeries(cell: string): string {
  return seriesByLabel.get(foldHeader(cell)) ?? cell.trim();
}

export interface CsvDefaults {
  source: string;
  unit?: string;
  municipality?: string;
}

/** `field` is a CsvField, `(row)` for the row as a whole, or a header's own text for a cell that no field reads. */
export type RowProblem = { field: CsvField | '(row)' | (string & {}); reason: string };
/** `printed`: the row as the table prints it, when the table has development columns to check (the caller adds the line). */
export type RowResult = { ok: true; figures: FigureInput[]; printed?: Omit<PrintedRow, 'line'> } | { ok: false; errors: RowProblem[] };

/**
 * Turns the data rows of one CSV file into figures: Danish numbers, municipality names, series
 * labels, a `%` value as a share, one figure per period column in a wide table. A "Delsum" row
 * is the benefit group formed by the rows just above it, as the plans print it.
 * Domain validation (known series, period, unit) follows separately.
 */
export class CsvRowMapper {
  private rowsSinceSubtotal = new Map<string, string[]>();

  constructor(
    private readonly layout: CsvLayout,
    private readonly defaults: CsvDefaults,
  ) {}

  map(cells: readonly string[]): RowResult {
    const shape = this.shapeProblems(cells);
    if (shape.length > 0) return { ok: false, errors: shape };
    const { columns } = this.layout;
    const cell = (field: CsvField) => (columns[field] === undefined ? undefined : (cells[columns[field] as number] ?? '').trim());
    const errors: RowProblem[] = [];
    const checked: [CsvField, string | undefined][] = [
      ...(Object.keys(columns) as CsvField[]).map((field) => [field, cell(field)] as [CsvField, string | undefined]),
      ...[...this.layout.periodColumns, ...this.layout.changeColumns].map(
        ({ index }) => ['value', (cells[index] ?? '').trim()] as [CsvField, string],
      ),
    ];
    for (const [field, text] of checked) {
      if (text && isFormulaInjection(text))
        errors.push({ field, reason: `looks like a spreadsheet formula ('${text.slice(0, 20)}'); refused` });
    }
    if (errors.length > 0) return { ok: false, errors };

    const municipalityText = cell('municipality') ?? this.defaults.municipality ?? '';
    const municipality = resolveArea(municipalityText);
    if (!municipality)
      errors.push({
        field: 'municipality',
        reason: `'${municipalityText}' is neither a municipality code or name nor the whole country ('Hele landet')`,
      });
    const series = this.seriesOf(cell('series') ?? '', municipality ?? '');
    if (!series.ok) errors.push({ field: 'series', reason: series.reason });
    const values =
      this.layout.periodColumns.length > 0
        ? this.layout.periodColumns
            .map(({ index, period }) => ({ period, text: (cells[index] ?? '').trim() }))
            .filter(({ text }) => !EMPTY_CELLS.has(text))
        : [{ period: cell('period') ?? '', text: cell('value') ?? '' }];
    const figures: FigureInput[] = [];
    const printedValues = new Map<string, PrintedNumber>();
    for (const { period, text } of values) {
      const number = parseDanishNumber(text);
      if (!number.ok) {
        errors.push({ field: 'value', reason: this.layout.periodColumns.length > 0 ? `${period}: ${number.reason}` : number.reason });
        continue;
      }
      printedValues.set(period, { value: number.value, decimals: decimalsOf(text) });
      const seriesId = series.ok ? series.id : '';
      const unit = cell('unit') || (number.percent ? 'percent' : (this.defaults.unit ?? unitOf(seriesId)));
      figures.push({
        municipality: municipality ?? '',
        series: seriesId,
        period,
        value: number.value,
        unit,
        source: cell('source') || this.defaults.source,
      });
    }
    const changes = this.changesOf(cells, errors);
    if (errors.length > 0) return { ok: false, errors };
    if (this.layout.changeColumns.length === 0 || !series.ok || !municipality) return { ok: true, figures };
    const label = cell('series') ?? '';
    const named =
      foldHeader(label) === SUBTOTAL_LABEL ? `${label} (${allSeries().find((s) => s.id === series.id)?.labelDa ?? series.id})` : label;
    return { ok: true, figures, printed: { label: named, series: series.id, municipality, values: printedValues, changes } };
  }

  /** The development cells of a row ("Udvikling", "%"); a `%` column's cell may lack its sign, as Bilag 1's "-12,2" does. */
  /**
   * A row longer than the header (a cell with no column: a shifted row, an unquoted `;` in a
   * label) or a cell with a control character. Empty cells past the header are not "longer":
   * spreadsheets export a trailing separator.
   */
  private shapeProblems(cells: readonly string[]): RowProblem[] {
    const { headers } = this.layout;
    const problems: RowProblem[] = [];
    const extra = cells.findIndex((cell, index) => index >= headers.length && cell.trim() !== '');
    if (extra >= 0)
      problems.push({
        field: '(row)',
        reason: `has ${cells.length} cells but the header has ${headers.length}: cell ${extra + 1} ('${cells[extra].slice(0, 20)}') has no column`,
      });
    cells.forEach((cell, index) => {
      const reason = controlCharacterIn(cell, { singleLine: true });
      if (reason) problems.push({ field: headers[index]?.trim() || `column ${index + 1}`, reason });
    });
    return problems;
  }

  private changesOf(cells: readonly string[], errors: RowProblem[]): PrintedChange[] {
    const changes: PrintedChange[] = [];
    for (const column of this.layout.changeColumns) {
      const text = (cells[column.index] ?? '').trim();
      if (EMPTY_CELLS.has(text)) continue;
      const number = parseDanishNumber(text);
      if (!number.ok) errors.push({ field: 'value', reason: `${column.column}: ${number.reason}` });
      else
        changes.push({
          kind: column.kind,
          column: column.column,
          from: column.from,
          to: column.to,
          value: number.value,
          decimals: decimalsOf(text),
        });
    }
    return changes;
  }

  private seriesOf(label: string, municipality: string): { ok: true; id: string } | { ok: false; reason: string } {
    const above = this.rowsSinceSubtotal.get(municipality) ?? [];
    if (foldHeader(label) !== SUBTOTAL_LABEL) {
      const id = resolveSeries(label);
      const definition = allSeries().find((s) => s.id === id);
      this.rowsSinceSubtotal.set(municipality, definition?.parts ? [] : [...above, id]);
      return { ok: true, id };
    }
    this.rowsSinceSubtotal.set(municipality, []);
    // The subtotal sums the rows just above it (a standalone row such as A-dagpenge may come before them).
    const suffixes = above.map((_, start) => above.slice(start)).reverse();
    const group = suffixes
      .map((rows) => GROUP_TOTALS.find((total) => total.parts?.length === rows.length && rows.every((id) => total.parts?.includes(id))))
      .find((match) => match !== undefined);
    if (!group)
      return { ok: false, reason: `a Delsum of ${above.length > 0 ? above.join(', ') : 'no rows'} is not a benefit group Pejling knows` };
    return { ok: true, id: group.id };
  }
}

/** How many decimals a Danish number was printed with ("16,5%" → 1, "2.113" → 0). */
function decimalsOf(text: string): number {
  return /,(\d+)/.exec(text)?.[1].length ?? 0;
}
