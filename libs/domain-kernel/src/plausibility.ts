import type { FigureUnit } from './series';

/**
 * Hard ceilings a figure's value can never pass, known in advance so a check never depends on
 * which figures arrived first. A municipality's count of persons cannot exceed its population,
 * and no Danish municipality has 700.000 inhabitants (København, the largest, had about 667.000
 * in 2025); the whole country had about 6,0 million. A count (a plan indicator such as the number
 * of firms served) cannot exceed 10 million. A share lies in 0–100 %.
 */
export const HARD_CEILINGS = {
  personsInMunicipality: 700_000,
  personsInCountry: 6_500_000,
  count: 10_000_000,
  percent: 100,
} as const;

/** The ceiling for a value of this unit in one municipality or in the whole country. */
export function hardCeiling(unit: FigureUnit, area: 'municipality' | 'country'): number {
  if (unit === 'percent') return HARD_CEILINGS.percent;
  if (unit === 'count') return HARD_CEILINGS.count;
  return area === 'country' ? HARD_CEILINGS.personsInCountry : HARD_CEILINGS.personsInMunicipality;
}
