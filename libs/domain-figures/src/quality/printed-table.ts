import { findSeries, formatNumberDa, formatNumberEn, formatPeriodDa, formatPeriodEn, Period } from '@pejling/domain-kernel';
import { checkGroupTotal, QualityFlag } from './checks';
import { CheckedTarget, QualityReview } from './review';

/** A number as a table prints it: its value and how many decimals were printed (the rounding it carries). */
export interface PrintedNumber {
  value: number;
  decimals: number;
}

/** A development column's cell: "Udvikling" (absolute) or "%" / "Udvikling i pct." (relative), between two period columns. */
export interface PrintedChange extends PrintedNumber {
  kind: 'absolute' | 'percent';
  column: string;
  from: Period;
  to: Period;
}

/** One row of a wide table as printed: its series, its period values and its development cells. */
export interface PrintedRow {
  line: number;
  label: string;
  series: string;
  municipality: string;
  values: ReadonlyMap<Period, PrintedNumber>;
  changes: readonly PrintedChange[];
}

/** A value a change is computed from, with how far rounding may have moved it. */
interface Basis {
  value: number;
  uncertainty: number;
  /** The printed total disagreed with its parts, so the sum of the parts stands in for it. */
  fromParts: boolean;
}

const half = (decimals: number) => 0.5 * 10 ** -decimals;

/**
 * Checks a printed table as a whole. Every total (a `Delsum`, `I alt`) against the sum of the rows
 * it totals, in every period column; every printed change against the change computed from the
 * row's own period values, within what the printed rounding allows. A total whose printed value disagrees with the
 * sum of its parts (the group-total check flags that figure) is replaced by that sum here, so one
 * typo in a total is one flag, not three: Frederiksberg's Bilag 1 prints Delsum 1.328 for
 * 1.217 + 106 = 1.323, and its change 187 and 16,5 % are right for 1.323.
 */
export function reviewPrintedTable(source: string, rows: readonly PrintedRow[]): QualityReview {
  const flags: (QualityFlag & { source: string })[] = [];
  const checked: CheckedTarget[] = [];
  const leaves = indexRows(rows);
  for (const row of rows) {
    for (const [period, total] of row.values) {
      const parts = partsOf(row, period, leaves);
      if (!parts) continue;
      checked.push({ check: 'group-total', source, series: row.series, municipality: row.municipality, period });
      // A table's total is the sum of its rows as printed: rounding moves it by the total's own half unit plus the parts'
      // independent roundings combined (root-sum-square), not by every part's worst case at once.
      const tolerance = half(total.decimals) + Math.sqrt(parts.reduce((acc, part) => acc + half(part.decimals) ** 2, 0));
      const values = new Map((findSeries(row.series)?.parts ?? []).map((id, index) => [id, parts[index].value] as const));
      const flag = checkGroupTotal(row.series, row.municipality, period, total.value, values, tolerance);
      if (flag) flags.push({ ...flag, details: { ...flag.details, row: row.label }, source });
    }
    for (const change of row.changes) {
      const from = basisOf(row, change.from, leaves);
      const to = basisOf(row, change.to, leaves);
      if (!from || !to) continue;
      const check = change.kind === 'absolute' ? 'change' : 'change-percent';
      checked.push({ check, source, series: row.series, municipality: row.municipality, period: change.to });
      const flag = checkPrintedChange(row, change, from, to);
      if (flag) flags.push({ ...flag, source });
    }
  }
  return { flags, checked };
}

/**
 * Flags a printed change that disagrees with `to − from` (absolute) or `100 × (to − from) / from`
 * (percent) by more than the rounding of the printed change and of the values it is computed from.
 */
export function checkPrintedChange(
  row: Pick<PrintedRow, 'label' | 'series' | 'municipality'>,
  change: PrintedChange,
  from: Basis,
  to: Basis,
): QualityFlag | null {
  const absolute = change.kind === 'absolute';
  if (!absolute && from.value === 0) return null;
  const computed = absolute ? to.value - from.value : (100 * (to.value - from.value)) / from.value;
  const inputs = absolute
    ? from.uncertainty + to.uncertainty
    : (100 * to.uncertainty) / Math.abs(from.value) + (100 * Math.abs(to.value) * from.uncertainty) / from.value ** 2;
  const tolerance = half(change.decimals) + inputs;
  const difference = change.value - computed;
  // A hair of slack for binary floating point at an exact rounding boundary (-6,25 printed as -6,3).
  if (Math.abs(difference) <= tolerance + 1e-9) return null;
  const shown = (value: number, format: typeof formatNumberDa, decimals: number) => `${format(value, decimals)}${absolute ? '' : ' %'}`;
  const precise = absolute ? change.decimals : change.decimals + 1;
  const printedDa = shown(change.value, formatNumberDa, change.decimals);
  const printedEn = shown(change.value, formatNumberEn, change.decimals);
  const computedDa = shown(computed, formatNumberDa, precise);
  const computedEn = shown(computed, formatNumberEn, precise);
  const values = (format: typeof formatNumberDa) => `${format(from.value, 0)} → ${format(to.value, 0)}`;
  const parts = to.fromParts || from.fromParts;
  return {
    check: absolute ? 'change' : 'change-percent',
    series: row.series,
    municipality: row.municipality,
    period: change.to,
    value: change.value,
    details: {
      row: row.label,
      column: change.column,
      from: change.from,
      to: change.to,
      fromValue: from.value,
      toValue: to.value,
      printed: change.value,
      computed,
      difference,
      tolerance,
      basis: parts ? 'sum of parts' : 'row values',
    },
    message: {
      da: `${row.label}, kolonnen "${change.column}": udviklingen er opgjort til ${printedDa}, men ${formatPeriodDa(change.from)} – ${formatPeriodDa(change.to)} (${values(formatNumberDa)}${parts ? ', delenes sum' : ''}) giver ${computedDa}.`,
      en: `${row.label}, column "${change.column}": the change is given as ${printedEn}, but ${formatPeriodEn(change.from)} – ${formatPeriodEn(change.to)} (${values(formatNumberEn)}${parts ? ', the sum of the parts' : ''}) gives ${computedEn}.`,
    },
  };
}

type RowIndex = Map<string, PrintedRow>;

function indexRows(rows: readonly PrintedRow[]): RowIndex {
  return new Map(rows.map((row) => [`${row.municipality}|${row.series}`, row]));
}

/** The printed values of a total's parts in the same table and period, if every part is there. */
function partsOf(row: PrintedRow, period: Period, rows: RowIndex): PrintedNumber[] | undefined {
  const parts = findSeries(row.series)?.parts?.map((part) => rows.get(`${row.municipality}|${part}`)?.values.get(period));
  return parts && parts.length > 0 && parts.every((part) => part !== undefined) ? (parts as PrintedNumber[]) : undefined;
}

/** The row's own value, unless it is a total that disagrees with the sum of its parts printed in the same table. */
function basisOf(row: PrintedRow, period: Period, rows: RowIndex): Basis | undefined {
  const own = row.values.get(period);
  const parts = partsOf(row, period, rows);
  if (parts) {
    const sum = parts.reduce((acc, part) => acc + part.value, 0);
    const spread = parts.reduce((acc, part) => acc + half(part.decimals), 0);
    if (
      !own ||
      Math.abs(own.value - sum) > half(own.decimals) + Math.sqrt(parts.reduce((acc, part) => acc + half(part.decimals) ** 2, 0))
    ) {
      return { value: sum, uncertainty: spread, fromParts: true };
    }
  }
  return own ? { value: own.value, uncertainty: half(own.decimals), fromParts: false } : undefined;
}
