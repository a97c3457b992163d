import { FieldError, FigureInput, validateFigure } from '@pejling/domain-figures';
import { parsePeriod } from '@pejling/domain-kernel';
import { figureKey } from './figure-changes';

export type FigureCheck = { ok: true; figure: FigureInput } | { ok: false; problems: FieldError[] };

/** Validates one figure (of a JSON batch or an import row) and canonicalises its period (`2021M07` → `2021-07`). */
export function checkFigure(figure: FigureInput, now: Date): FigureCheck {
  const problems = validateFigure(figure, now);
  if (problems.length > 0) return { ok: false, problems };
  const period = parsePeriod(figure.period);
  return { ok: true, figure: { ...figure, period: period.ok ? period.period : figure.period } };
}

/** Remembers the first row (or line) of each figure key, so a second row for the same source, series, municipality and period is refused. */
export class FirstRowOfKey {
  private readonly seen = new Map<string, number>();

  /** The first row of `figure`'s key, if an earlier row had it; otherwise `row` becomes its first. */
  duplicateOf(figure: FigureInput, row: number): number | undefined {
    const key = figureKey(figure);
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, row);
    return first;
  }
}
