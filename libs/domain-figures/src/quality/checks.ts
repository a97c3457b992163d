import {
  findSeries,
  formatNumberDa,
  formatNumberEn,
  formatPeriodDa,
  formatPeriodEn,
  median,
  Period,
  previousPeriod,
} from '@pejling/domain-kernel';
import { scaledMad } from './robust-statistics';

/** `change` / `change-percent`: a printed development ("Udvikling", "%") that disagrees with its row's own period values. */
export type QualityCheck = 'jump' | 'group-total' | 'missing-period' | 'change' | 'change-percent';

/** A soft data-quality finding: the figure is kept, and the flag is visible through the API and as an event. */
export interface QualityFlag {
  check: QualityCheck;
  series: string;
  municipality: string;
  period: Period;
  value: number | null;
  details: Record<string, number | string | null | string[]>;
  message: { da: string; en: string };
}

export interface SeriesPoint {
  period: Period;
  value: number;
}

/** Tuning of the jump check: how many robust standard deviations, over how much history, with what floor. */
export interface JumpRule {
  /** Changes beyond this many scaled MADs of the series' own past changes are flagged. */
  deviations: number;
  /** Past changes needed before the series is judged at all. */
  minHistory: number;
  /** Past changes looked at. */
  maxHistory: number;
  /** A change smaller than this share of the previous value is never a jump (flat, quiet series). */
  minRelativeChange: number;
}

export const DEFAULT_JUMP_RULE: JumpRule = { deviations: 6, minHistory: 6, maxHistory: 24, minRelativeChange: 0.05 };

/**
 * Flags a value whose change from the previous period lies far outside the series' own history of
 * changes: |Δ − median(Δ)| > deviations × 1,4826 × MAD(Δ). Robust: one earlier outlier does not
 * widen the band, and a series that moves a lot every month is not flagged for moving.
 * `history` is the series before `point`, oldest first, consecutive periods of one kind.
 */
export function checkJump(
  series: string,
  municipality: string,
  history: readonly SeriesPoint[],
  point: SeriesPoint,
  rule: JumpRule = DEFAULT_JUMP_RULE,
): QualityFlag | null {
  const recent = history.slice(-(rule.maxHistory + 1));
  const previous = recent[recent.length - 1];
  if (!previous || previous.period !== previousPeriod(point.period)) return null;
  const changes = recent.slice(1).map((current, index) => current.value - recent[index].value);
  if (changes.length < rule.minHistory) return null;
  const change = point.value - previous.value;
  const centre = median(changes);
  const spread = scaledMad(changes);
  const allowed = rule.deviations * spread;
  if (Math.abs(change - centre) <= allowed || Math.abs(change) < rule.minRelativeChange * Math.abs(previous.value)) return null;
  const label = labelOf(series);
  return {
    check: 'jump',
    series,
    municipality,
    period: point.period,
    value: point.value,
    details: {
      previousPeriod: previous.period,
      previousValue: previous.value,
      change,
      medianChange: centre,
      scaledMad: spread,
      allowedDeviation: allowed,
      historyLength: changes.length,
    },
    message: {
      da: `${label.da} ${formatPeriodDa(point.period)} (${formatNumberDa(point.value, 0)}) ændrer sig med ${formatNumberDa(change, 0)} fra ${formatPeriodDa(previous.period)}; seriens egne ændringer ligger normalt inden for ${formatNumberDa(centre, 0)} ± ${formatNumberDa(allowed, 0)}. Tallet er gemt, men bør efterses.`,
      en: `${label.en} for ${formatPeriodEn(point.period)} (${formatNumberEn(point.value, 0)}) changes by ${formatNumberEn(change, 0)} from ${formatPeriodEn(previous.period)}; the series' own changes usually lie within ${formatNumberEn(centre, 0)} ± ${formatNumberEn(allowed, 0)}. The figure is kept but should be checked.`,
    },
  };
}

/**
 * Flags a printed subtotal that disagrees with the sum of its parts by more than rounding can
 * explain (each part rounded to a whole number may be off by ½; a table check passes its own bound).
 */
export function checkGroupTotal(
  groupSeries: string,
  municipality: string,
  period: Period,
  total: number,
  parts: ReadonlyMap<string, number>,
  tolerance = 0.5 * (findSeries(groupSeries)?.parts?.length ?? 0),
): QualityFlag | null {
  const definition = findSeries(groupSeries);
  if (!definition?.parts || definition.parts.some((part) => !parts.has(part))) return null;
  const sum = definition.parts.reduce((acc, part) => acc + (parts.get(part) as number), 0);
  if (Math.abs(total - sum) <= tolerance) return null;
  return {
    check: 'group-total',
    series: groupSeries,
    municipality,
    period,
    value: total,
    details: { total, sumOfParts: sum, difference: total - sum, tolerance, parts: [...definition.parts] },
    message: {
      da: `${definition.labelDa} ${formatPeriodDa(period)} er opgjort til ${formatNumberDa(total, 0)}, men delene summerer til ${formatNumberDa(sum, 0)} (forskel ${formatNumberDa(total - sum, 0)}).`,
      en: `${definition.labelEn} for ${formatPeriodEn(period)} is given as ${formatNumberEn(total, 0)}, but its parts sum to ${formatNumberEn(sum, 0)} (difference ${formatNumberEn(total - sum, 0)}).`,
    },
  };
}

/**
 * Flags a gap in a regular series: the series had figures for consecutive periods up to Q, and the
 * next figure is for P with periods missing in between. A sparse series (July 2020 and July 2021
 * only, as a plan's comparison table gives them) has no cadence to miss. `known` holds every
 * period of the series, stored and just arrived, so a file that brings several periods at once
 * is judged as a whole.
 */
export function checkMissingPeriod(series: string, municipality: string, known: ReadonlySet<Period>, period: Period): QualityFlag | null {
  const latestBefore = [...known]
    .filter((candidate) => candidate < period)
    .sort()
    .at(-1);
  if (!latestBefore || latestBefore === previousPeriod(period) || !known.has(previousPeriod(latestBefore))) return null;
  const missing: Period[] = [];
  for (let gap = previousPeriod(period); gap > latestBefore && missing.length < 120; gap = previousPeriod(gap)) missing.unshift(gap);
  const first = missing[0];
  const label = labelOf(series);
  const span = (format: (period: Period) => string) =>
    missing.length === 1 ? format(first) : `${format(first)} – ${format(missing[missing.length - 1])}`;
  return {
    check: 'missing-period',
    series,
    municipality,
    period: first,
    value: null,
    details: { missingPeriods: missing, lastBefore: latestBefore, nextPeriod: period },
    message: {
      da: `${label.da} mangler for ${span(formatPeriodDa)}: serien har tal før og efter.`,
      en: `${label.en} is missing for ${span(formatPeriodEn)}: the series has figures before and after.`,
    },
  };
}

function labelOf(series: string): { da: string; en: string } {
  const definition = findSeries(series);
  return { da: definition?.labelDa ?? series, en: definition?.labelEn ?? series };
}
