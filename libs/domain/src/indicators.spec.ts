import { computeShare, findIndicator, INDICATORS, indicatorsDependingOn } from './indicators';
import { findSeries } from './series';

/** Frederiksberg, Beskæftigelsesplan 2022, Bilag 1: full-time persons in July 2021. */
const frederiksbergJuly2021 = new Map<string, number>([
  ['a-dagpenge', 2113],
  ['sygedagpenge', 1217],
  ['jobafklaringsforloeb', 106],
  ['ledighedsydelse', 109],
  ['fleksjob', 520],
  ['revalidering', 31],
  ['forrevalidering', 9],
  ['ressourceforloeb', 260],
  ['kontanthjaelp', 759],
  ['uddannelseshjaelp', 236],
  ['selvforsoergelses-og-hjemrejseydelse', 159],
  ['foertidspension', 2365],
  // Implied by Mål A (7.884 FTP = 11,2 %) and Mål D (2.113 FTP = 3,0 %): about 70.400.
  ['befolkning-16-66', 70400],
]);

const compute = (id: string, figures = frederiksbergJuly2021) => computeShare(findIndicator(id)!, figures);

describe('indicators', () => {
  it('defines every indicator over known series, with unique ids', () => {
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
    for (const indicator of INDICATORS) {
      for (const series of [...indicator.numerator, indicator.denominator]) expect(findSeries(series)).toBeDefined();
    }
  });

  it('Sygedagpenge mv. in July 2021 is 1.323 full-time persons (the seed prints 1.328 for the Delsum: a typo), 1,9 %', () => {
    const result = compute('share.sygedagpenge-mv')!;
    expect(result.numerator).toBe(1323);
    expect(result.parts).toEqual({ sygedagpenge: 1217, jobafklaringsforloeb: 106 });
    expect(result.value.toFixed(1)).toBe('1.9');
  });

  it('Alle ydelser sums to 7.884 full-time persons as Bilag 1 "I alt", 11,2 % as Mål A', () => {
    const result = compute('share.alle-ydelser')!;
    expect(result.numerator).toBe(7884);
    expect(result.value.toFixed(1)).toBe('11.2');
  });

  it('reproduces Mål D (a-dagpenge 3,0 %) and the group subtotals of Bilag 1', () => {
    expect(compute('share.a-dagpenge')!.value.toFixed(1)).toBe('3.0');
    expect(compute('share.fleksjob-mv')!.numerator).toBe(629);
    expect(compute('share.ressourceforloeb-mv')!.numerator).toBe(300); // Mål G prints 309: the parts sum to 300
    expect(compute('share.kontanthjaelp-mv')!.numerator).toBe(1154);
    expect(compute('share.kontanthjaelp-mv')!.value.toFixed(1)).toBe('1.6'); // Mål C
  });

  it('is null until every input is present and the population is positive', () => {
    const withoutJobafklaring = new Map(frederiksbergJuly2021);
    withoutJobafklaring.delete('jobafklaringsforloeb');
    expect(compute('share.sygedagpenge-mv', withoutJobafklaring)).toBeNull();
    const withoutPopulation = new Map(frederiksbergJuly2021);
    withoutPopulation.delete('befolkning-16-66');
    expect(compute('share.sygedagpenge', withoutPopulation)).toBeNull();
    expect(compute('share.sygedagpenge', new Map([['sygedagpenge', 1], ['befolkning-16-66', 0]]))).toBeNull();
  });

  it('knows which indicators a series feeds', () => {
    expect(indicatorsDependingOn('jobafklaringsforloeb').map((i) => i.id).sort()).toEqual([
      'share.alle-ydelser',
      'share.jobafklaringsforloeb',
      'share.sygedagpenge-mv',
    ]);
    expect(indicatorsDependingOn('befolkning-16-66')).toHaveLength(INDICATORS.length);
    expect(indicatorsDependingOn('unknown')).toEqual([]);
  });
});
