import { FigureInput } from '../figure';
import { FigureUnit, parsePeriod, PeriodKind } from '@pejling/domain-kernel';
import { isFormulaInjection, parseDanishNumber } from './danish-number';
import { foldHeader, resolveArea, resolveSeries } from './csv-row';

/** One table of a Jobindsats API v2 response: positional columns with Danish display labels, values as strings. */
export interface JobindsatsTable {
  Variables: { Label: string }[];
  Data: (string | number | null)[][];
}

/** A measure column of a table and the series its values become. */
export interface JobindsatsMeasure {
  /**
   * The column's label, e.g. "Antal fuldtidspersoner". Labels are compared folded (case, accents,
   * punctuation); the part after a label's last colon also matches, because y30r21 prefixes its
   * labels ("Forventet og faktisk antal …: Faktisk antal").
   */
  column: string;
  unit: FigureUnit;
  /** The series; when absent, the table's `seriesColumn` names it row by row. */
  series?: string;
}

/** How a Jobindsats table maps to figures. */
export interface JobindsatsTableConfig {
  table: string;
  measures: readonly JobindsatsMeasure[];
  /** A column that names the benefit type of each row (tables that list several). */
  seriesColumn?: string;
  /** A column that splits fixed-series measures by benefit group: rows of other groups than `totalGroup` get `<series>.<group>`. */
  groupColumn?: string;
  totalGroup?: string;
  /** Dimension filters for the data request, e.g. `{ _ygrp_y30r21: ['Ydelsesgrupper i alt'] }`. */
  filters?: Record<string, readonly string[]>;
}

export interface JobindsatsMapping {
  figures: FigureInput[];
  /** Cells that cannot become figures; an import with any of them is rejected. Rows count from 1 within their table. */
  problems: { row: number; field: string; reason: string }[];
  /** Values Jobindsats withholds (discretion for small numbers): not figures, not errors. */
  withheld: number;
  /** Rows of areas that are neither a municipality nor the whole country (regions): not stored. */
  skippedAreas: number;
}

const PERIOD_LABELS = ['periode', 'period'];
const AREA_LABELS = ['area', 'omrade', 'kommune'];
/** How Jobindsats prints a value it withholds for discretion ("." in its tables and exports). */
const WITHHELD = new Set(['.', '..', '-', 'x', '']);

const fullTimePersons = (series: string): JobindsatsTableConfig => ({
  table: '',
  measures: [{ column: 'Antal fuldtidspersoner', unit: 'full-time-persons', series }],
});

const BENCHMARK_GROUPS = ['Ydelsesgrupper i alt', 'A-dagpenge mv.', 'Sygedagpenge mv.', 'Kontanthjælp mv.'];

/** Tables Pejling knows how to read, by Jobindsats table id. */
export const JOBINDSATS_TABLES: Readonly<Record<string, JobindsatsTableConfig>> = Object.fromEntries(
  Object.entries({
    y01a02: fullTimePersons('a-dagpenge'),
    y04a02: fullTimePersons('revalidering'),
    y07a02: fullTimePersons('sygedagpenge'),
    y08a02: fullTimePersons('fleksjob'),
    y09a02: fullTimePersons('ledighedsydelse'),
    y11a02: fullTimePersons('ressourceforloeb'),
    y12a02: fullTimePersons('jobafklaringsforloeb'),
    y35a02: fullTimePersons('selvforsoergelses-og-hjemrejseydelse'),
    y36a02: fullTimePersons('kontanthjaelp'),
    y38a02: fullTimePersons('uddannelseshjaelp'),
    /** The ministry's benchmark: expected vs actual full-time persons on public support, and the rank among 98. */
    y30r21: {
      table: '',
      measures: [
        { column: 'Faktisk antal', unit: 'count', series: 'benchmark.faktiske-fuldtidspersoner' },
        { column: 'Forventet antal', unit: 'count', series: 'benchmark.forventede-fuldtidspersoner' },
        { column: 'Placering på benchmarkranglisten', unit: 'count', series: 'benchmark.placering' },
      ],
      groupColumn: 'Ydelsesgrupper',
      totalGroup: 'Ydelsesgrupper i alt',
      filters: { _ygrp_y30r21: BENCHMARK_GROUPS },
    },
  } satisfies Record<string, JobindsatsTableConfig>).map(([table, config]) => [table, { ...config, table }]),
);

/**
 * Maps a Jobindsats v2 response (`[{ Variables, Data }]`) to figures, cell by cell. Columns are
 * found by label, never by position, and a table whose labels drifted is reported, not guessed.
 * Months, quarters, rolling years (QMAT) and years are all mapped.
 */
export function mapJobindsatsResponse(
  response: readonly JobindsatsTable[],
  config: JobindsatsTableConfig,
  sourceUpdatedAt: string | null = null,
): JobindsatsMapping {
  const mapping: JobindsatsMapping = { figures: [], problems: [], withheld: 0, skippedAreas: 0 };
  for (const table of response) {
    const labels = table.Variables.map((variable) => foldHeader(variable.Label));
    const tails = table.Variables.map((variable) => foldHeader(variable.Label.split(':').pop() ?? ''));
    const find = (name: string, tail = false) =>
      labels.findIndex((label, at) => label === foldHeader(name) || (tail && tails[at] === foldHeader(name)));
    const periodAt = labels.findIndex((label) => PERIOD_LABELS.includes(label));
    const areaAt = labels.findIndex((label) => AREA_LABELS.includes(label));
    const seriesAt = config.seriesColumn ? find(config.seriesColumn) : -1;
    const groupAt = config.groupColumn ? find(config.groupColumn) : -1;
    const measures = config.measures.map((measure) => ({ ...measure, at: find(measure.column, true) }));
    const missing = [
      ...(periodAt < 0 ? ['Periode'] : []),
      ...(areaAt < 0 ? ['Area'] : []),
      ...measures.filter((measure) => measure.at < 0).map((measure) => measure.column),
      ...(config.seriesColumn && seriesAt < 0 ? [config.seriesColumn] : []),
      ...(config.groupColumn && groupAt < 0 ? [config.groupColumn] : []),
    ];
    if (missing.length > 0) {
      mapping.problems.push({
        row: 0,
        field: 'Variables',
        reason: `table ${config.table} has no column ${missing.map((name) => `"${name}"`).join(', ')}`,
      });
      continue;
    }
    table.Data.forEach((cells, index) =>
      mapRow(mapping, config, cells, index + 1, { periodAt, areaAt, seriesAt, groupAt, measures }, sourceUpdatedAt),
    );
  }
  return mapping;
}

interface Columns {
  periodAt: number;
  areaAt: number;
  seriesAt: number;
  groupAt: number;
  measures: (JobindsatsMeasure & { at: number })[];
}

function mapRow(
  mapping: JobindsatsMapping,
  config: JobindsatsTableConfig,
  cells: readonly (string | number | null)[],
  row: number,
  columns: Columns,
  sourceUpdatedAt: string | null,
): void {
  const text = (at: number) => String(cells[at] ?? '').trim();
  // "Hele landet" becomes the country's own figures (the official national ones); regions are skipped.
  const municipality = resolveArea(text(columns.areaAt));
  if (!municipality) {
    mapping.skippedAreas += 1;
    return;
  }
  const period = parsePeriod(text(columns.periodAt));
  if (!period.ok) {
    mapping.problems.push({ row, field: 'period', reason: period.reason });
    return;
  }
  for (const measure of columns.measures) {
    const raw = text(measure.at);
    if (WITHHELD.has(raw)) {
      mapping.withheld += 1;
      continue;
    }
    if (isFormulaInjection(raw)) {
      mapping.problems.push({ row, field: measure.column, reason: 'looks like a spreadsheet formula; refused' });
      continue;
    }
    const number = parseDanishNumber(raw);
    if (!number.ok) {
      mapping.problems.push({ row, field: measure.column, reason: number.reason });
      continue;
    }
    const series = seriesOf(config, measure, text(columns.seriesAt), text(columns.groupAt));
    mapping.figures.push({
      municipality,
      series,
      period: period.period,
      value: number.value,
      unit: measure.unit,
      source: `jobindsats:${config.table}`,
      sourceUpdatedAt,
    });
  }
}

function seriesOf(config: JobindsatsTableConfig, measure: JobindsatsMeasure, seriesCell: string, groupCell: string): string {
  if (!measure.series) return resolveSeries(seriesCell);
  if (!config.groupColumn || foldHeader(groupCell) === foldHeader(config.totalGroup ?? '')) return measure.series;
  return `${measure.series}.${slug(groupCell)}`;
}

/** "Sygedagpenge mv." → "sygedagpenge-mv": a series id segment from a Danish label. */
export function slug(label: string): string {
  return label
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The periods a pull asks for: explicit ones, or the newest `latest` the table offers (of one kind
 * if given, since a table may offer months and rolling years side by side), oldest first.
 */
export function choosePullPeriods(offered: readonly string[], wanted: { latest: number } | readonly string[], kind?: PeriodKind): string[] {
  if (Array.isArray(wanted)) return [...wanted];
  const latest = (wanted as { latest: number }).latest;
  const usable = offered.flatMap((raw) => {
    const parsed = parsePeriod(raw);
    return parsed.ok && (!kind || parsed.kind === kind) ? [{ raw, end: parsed.endMonth }] : [];
  });
  usable.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : a.raw.localeCompare(b.raw)));
  return usable.slice(-latest).map(({ raw }) => raw);
}
