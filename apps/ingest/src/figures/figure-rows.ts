import { FieldError, FigureInput, validateFigure } from '@pejling/domain-figures';
import { parsePeriod } from '@pejling/domain-kernel';

export type FigureCheck = { ok: true; figure: FigureInput } | { ok: false; problems: FieldError[] };

/** Validates one figure (of a JSON batch or an import row) and canonicalises its period (`2021M07` → `2021-07`). */
export function checkFigure(figure: FigureInput, now: Date): FigureCheck {
  const problems = validateFigure(figure, now);
  if (problems.length > 0) return { ok: false, problems };
  const period = parsePeriod(figure.period);
  return { ok: true, figure: { ...figure, period: period.ok ? period.period : figure.period } };
}

/**
 * Remembers the first row (or line) of each figure key, so a second row for the same source, series,
 * municipality and period is refused. An import keeps one for the whole file, so it is compact: one
 * map per series (a national file has a few thousand) keyed by period, with each period's string
 * held once, so a row costs one map entry instead of a key string of its own.
 */
export class FirstRowOfKey {
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly periods = new Map<string, string>();

  /** The first row of `figure`'s key, if an earlier row had it; otherwise `row` becomes its first. */
  duplicateOf(figure: FigureInput, row: number): number | undefined {
    const seriesKey = JSON.stringify([figure.source, figure.series, figure.municipality]);
    let series = this.seen.get(seriesKey);
    if (!series) {
      series = new Map();
      this.seen.set(seriesKey, series);
    }
    const first = series.get(figure.period);
    if (first === undefined) series.set(this.intern(figure.period), row);
    return first;
  }

  private intern(period: string): string {
    const known = this.periods.get(period);
    if (known !== undefined) return known;
    this.periods.set(period, period);
    return period;
  }
}
