import { parseDerivedId } from '@pejling/domain-indicators';
import {
  findMunicipality,
  findSeries,
  FigureUnit,
  formatNumberDa,
  hardCeiling,
  isCountryArea,
  isDirectIndicatorSeries,
  isFuturePeriod,
  parsePeriod,
} from '@pejling/domain-kernel';

export interface FigureInput {
  /** The area: a municipality's code, or COUNTRY_AREA_CODE for the whole country. */
  municipality: string;
  series: string;
  period: string;
  value: number;
  unit: string;
  source: string;
  /** When the source published the value (ISO 8601), if it says. */
  sourceUpdatedAt?: string | null;
}

export interface FieldError {
  field: 'municipality' | 'series' | 'period' | 'value' | 'unit' | 'source' | 'sourceUpdatedAt';
  reason: string;
}

const UNITS: readonly string[] = ['full-time-persons', 'persons', 'percent', 'count'] satisfies FigureUnit[];
const isFigureUnit = (unit: string): unit is FigureUnit => UNITS.includes(unit);

/** The domain rules for one incoming figure; every problem is reported, not just the first. */
export function validateFigure(input: FigureInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!findMunicipality(input.municipality) && !isCountryArea(input.municipality)) {
    errors.push({
      field: 'municipality',
      reason: `'${input.municipality}' is not a Danish municipality code (3 digits, e.g. 147 for Frederiksberg) nor 000 (the whole country)`,
    });
  }
  const series = findSeries(input.series);
  const direct = !series && isDirectIndicatorSeries(input.series);
  const derived = parseDerivedId(input.series);
  if (!series && !direct && derived) {
    errors.push({
      field: 'series',
      reason: `'${input.series}' is derived by Pejling from '${derived.base}' and cannot be posted: post '${derived.base}'`,
    });
  } else if (!series && !direct) {
    errors.push({
      field: 'series',
      reason: `'${input.series}' is not a known series (nor a plan indicator id such as survey.virksomhedstilfredshed)`,
    });
  }
  if (direct && input.unit !== 'percent' && input.unit !== 'count') {
    errors.push({ field: 'unit', reason: `must be 'percent' or 'count' for the plan indicator '${input.series}' (got '${input.unit}')` });
  }
  const period = parsePeriod(input.period);
  if (!period.ok) errors.push({ field: 'period', reason: period.reason });
  else if (isFuturePeriod(period.period, now)) errors.push({ field: 'period', reason: `${period.period} is in the future` });
  if (!Number.isFinite(input.value)) errors.push({ field: 'value', reason: 'must be a finite number' });
  else if (input.value < 0) errors.push({ field: 'value', reason: `must not be negative (got ${input.value})` });
  else if (input.unit === 'percent' && input.value > 100)
    errors.push({ field: 'value', reason: `a share cannot exceed 100 % (got ${input.value})` });
  else if (isFigureUnit(input.unit)) {
    const area = isCountryArea(input.municipality) ? 'country' : 'municipality';
    const ceiling = hardCeiling(input.unit, area);
    if (input.value > ceiling) {
      const bound =
        input.unit === 'count'
          ? `no count Pejling takes exceeds ${formatNumberDa(ceiling, 0)}`
          : `no ${area === 'country' ? 'count for the whole country' : "municipality's count"} of persons exceeds ${formatNumberDa(ceiling, 0)}, more than its population`;
      errors.push({ field: 'value', reason: `${formatNumberDa(input.value, 0)} ${input.unit} cannot be true: ${bound}` });
    }
  }
  if (series && input.unit !== series.unit) {
    errors.push({ field: 'unit', reason: `must be '${series.unit}' for series '${series.id}' (got '${input.unit}')` });
  }
  if (input.source.trim() === '') errors.push({ field: 'source', reason: 'must name where the figure comes from (e.g. jobindsats)' });
  if (input.sourceUpdatedAt !== undefined && input.sourceUpdatedAt !== null) {
    const at = Date.parse(input.sourceUpdatedAt);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(input.sourceUpdatedAt) || Number.isNaN(at))
      errors.push({ field: 'sourceUpdatedAt', reason: 'must be an ISO 8601 time such as 2021-09-01T08:00:00Z' });
    else if (at > now.getTime() + 5 * 60_000)
      errors.push({ field: 'sourceUpdatedAt', reason: `${input.sourceUpdatedAt} is in the future` });
  }
  return errors;
}
