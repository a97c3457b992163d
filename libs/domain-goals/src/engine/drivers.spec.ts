import { changeDrivers, explainDrivers } from './drivers';

describe('drivers of a benefit-group change', () => {
  // Frederiksberg Bilag 1: July 2020 → July 2021.
  const july2020 = { sygedagpenge: 904, jobafklaringsforloeb: 232 };
  const july2021 = { sygedagpenge: 1217, jobafklaringsforloeb: 106 };

  it('names the benefit types that moved the most, largest first', () => {
    expect(changeDrivers(july2020, july2021)).toEqual([
      { series: 'sygedagpenge', change: 313 },
      { series: 'jobafklaringsforloeb', change: -126 },
    ]);
    expect(explainDrivers(changeDrivers(july2020, july2021))).toEqual({
      da: 'Ændringen siden sidste opgørelse skyldes især Sygedagpenge (+313) og Jobafklaringsforløb (-126) fuldtidspersoner.',
      en: 'The change since the last evaluation comes mainly from Sickness benefit (+313) and Work-ability clarification (-126) full-time persons.',
    });
  });

  it('says nothing for single-series indicators, a first evaluation or no change', () => {
    expect(changeDrivers(undefined, july2021)).toEqual([]);
    expect(changeDrivers({}, july2021)).toEqual([]);
    expect(changeDrivers({ 'a-dagpenge': 2693 }, { 'a-dagpenge': 2113 })).toEqual([]);
    expect(changeDrivers(july2021, july2021)).toEqual([]);
    expect(explainDrivers([])).toBeNull();
  });
});
