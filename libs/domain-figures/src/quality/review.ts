import { findSeries, groupsContaining, parsePeriod, Period } from '@pejling/domain-kernel';
import { checkGroupTotal, checkJump, checkMissingPeriod, QualityCheck, QualityFlag, SeriesPoint } from './checks';

/** A stored figure as the checks see it. */
export interface FigureRef {
  source: string;
  series: string;
  municipality: string;
  period: Period;
  value: number;
}

export interface SourcedFlag extends QualityFlag {
  source: string;
}

/** A (check, figure) that was looked at: an open flag on it that is not raised again is resolved. */
export interface CheckedTarget {
  check: QualityCheck;
  source: string;
  series: string;
  municipality: string;
  period: Period;
}

export interface QualityReview {
  flags: SourcedFlag[];
  checked: CheckedTarget[];
}

/**
 * Runs every soft check on the figures a batch stored or revised, against `stored`: the figures
 * around them (each series' recent history, and the parts and totals of the groups they belong
 * to), the batch's own figures included, so a file that brings a whole year is judged as a whole.
 */
export function reviewFigures(changes: readonly FigureRef[], stored: readonly FigureRef[]): QualityReview {
  const series = indexSeries(stored);
  const periodsOf = new Map<string, Set<Period>>();
  const cells = new Map(stored.map((figure) => [cellKey(figure.source, figure.municipality, figure.period, figure.series), figure.value]));
  const flags: SourcedFlag[] = [];
  const checked: CheckedTarget[] = [];
  const groupsDone = new Set<string>();
  const target = (check: QualityCheck, figure: FigureRef, period = figure.period, seriesId = figure.series) =>
    checked.push({ check, source: figure.source, series: seriesId, municipality: figure.municipality, period });

  for (const change of changes) {
    const kind = kindOf(change.period);
    const points = series.get(seriesKey(change, kind)) ?? [];
    const before = points.filter((point) => point.period < change.period);
    const jump = checkJump(change.series, change.municipality, before, { period: change.period, value: change.value });
    target('jump', change);
    if (jump) flags.push({ ...jump, source: change.source });

    const key = seriesKey(change, kind);
    let known = periodsOf.get(key);
    if (!known) {
      known = new Set(points.map((point) => point.period));
      periodsOf.set(key, known);
    }
    target('missing-period', change); // its arrival settles a gap flagged at this period
    const gap = checkMissingPeriod(change.series, change.municipality, known, change.period);
    if (gap) {
      target('missing-period', change, gap.period);
      flags.push({ ...gap, source: change.source });
    }

    const groups = [
      ...(findSeries(change.series)?.parts ? [change.series] : []),
      ...groupsContaining(change.series).map((group) => group.id),
    ];
    for (const group of groups) {
      const key = cellKey(change.source, change.municipality, change.period, group);
      if (groupsDone.has(key)) continue;
      groupsDone.add(key);
      const total = cells.get(key);
      if (total === undefined) continue;
      target('group-total', change, change.period, group);
      const parts = new Map(
        (findSeries(group)?.parts ?? []).flatMap((part) => {
          const value = cells.get(cellKey(change.source, change.municipality, change.period, part));
          return value === undefined ? [] : [[part, value] as const];
        }),
      );
      const mismatch = checkGroupTotal(group, change.municipality, change.period, total, parts);
      if (mismatch) flags.push({ ...mismatch, source: change.source });
    }
  }
  return { flags, checked };
}

function indexSeries(stored: readonly FigureRef[]): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>();
  for (const figure of stored) {
    const key = seriesKey(figure, kindOf(figure.period));
    const points = series.get(key) ?? [];
    points.push({ period: figure.period, value: figure.value });
    series.set(key, points);
  }
  for (const points of series.values()) points.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return series;
}

const seriesKey = (figure: Pick<FigureRef, 'source' | 'series' | 'municipality'>, kind: string) =>
  `${figure.source}|${figure.series}|${figure.municipality}|${kind}`;
const cellKey = (source: string, municipality: string, period: Period, seriesId: string) =>
  `${source}|${municipality}|${period}|${seriesId}`;

function kindOf(period: Period): string {
  const parsed = parsePeriod(period);
  return parsed.ok ? parsed.kind : 'unknown';
}

/** How far back a series' history is read for the checks, in months of its period kind. */
export function historyWindowMonths(period: Period): number {
  const kind = kindOf(period);
  const cadence = kind === 'month' ? 1 : kind === 'year' ? 12 : 3;
  return 26 * cadence;
}
