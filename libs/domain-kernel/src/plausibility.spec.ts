import { hardCeiling, HARD_CEILINGS } from './plausibility';

describe('hard ceilings of figure values', () => {
  it('bounds persons by the largest municipality in a municipality and by the country in the whole country', () => {
    expect(hardCeiling('persons', 'municipality')).toBe(700_000);
    expect(hardCeiling('full-time-persons', 'municipality')).toBe(700_000);
    expect(hardCeiling('full-time-persons', 'country')).toBe(6_500_000);
  });

  it('bounds shares at 100 % and counts at ten million wherever they are', () => {
    expect(hardCeiling('percent', 'municipality')).toBe(100);
    expect(hardCeiling('percent', 'country')).toBe(100);
    expect(hardCeiling('count', 'country')).toBe(HARD_CEILINGS.count);
  });
});
