import {
  computeShare,
  DERIVED_INDICATORS,
  deriveIndicator,
  findIndicator,
  findShareIndicator,
  INDICATORS,
  indicatorsDependingOn,
  parseDerivedId,
} from './indicators';
import { findSeries, isDirectIndicatorSeries } from '@pejling/domain-kernel';

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

const compute = (id: string, figures = frederiksbergJuly2021) => computeShare(findShareIndicator(id)!, figures);

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
    expect(
      compute(
        'share.sygedagpenge',
        new Map([
          ['sygedagpenge', 1],
          ['befolkning-16-66', 0],
        ]),
      ),
    ).toBeNull();
  });

  it('knows which indicators a series feeds', () => {
    expect(
      indicatorsDependingOn('jobafklaringsforloeb')
        .map((i) => i.id)
        .sort(),
    ).toEqual(['share.alle-ydelser', 'share.jobafklaringsforloeb', 'share.sygedagpenge-mv']);
    expect(indicatorsDependingOn('befolkning-16-66')).toHaveLength(INDICATORS.length);
    expect(indicatorsDependingOn('unknown')).toEqual([]);
  });
});

describe('derived indicators in the catalogue', () => {
  it('derive a 12-month change and a 12-month mean from every share, with unique ids', () => {
    expect(DERIVED_INDICATORS).toHaveLength(2 * INDICATORS.length);
    const ids = [...INDICATORS, ...DERIVED_INDICATORS].map((indicator) => indicator.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const indicator of INDICATORS) {
      expect(findIndicator(`${indicator.id}.change-12m`)).toMatchObject({ base: indicator.id, derivation: 'change-12m', unit: 'pp' });
      expect(findIndicator(`${indicator.id}.mean-12m`)).toMatchObject({ base: indicator.id, derivation: 'mean-12m', unit: 'percent' });
    }
    expect(findShareIndicator('share.sygedagpenge-mv.change-12m')).toBeUndefined();
  });

  it('label them in Danish and English, with the definite form explanations open with', () => {
    expect(findIndicator('share.sygedagpenge-mv.change-12m')).toMatchObject({
      labelDa: 'Ændring i andelen på sygedagpenge mv. over 12 måneder',
      labelEn: '12-month change in the share on sickness benefit etc.',
      subjectDa: 'Ændringen i andelen på sygedagpenge mv. over 12 måneder',
      subjectEn: 'The 12-month change in the share on sickness benefit etc.',
    });
    expect(findIndicator('share.a-dagpenge.mean-12m')).toMatchObject({
      labelDa: '12-måneders gennemsnit af andelen på a-dagpenge',
      labelEn: '12-month mean of the share on unemployment insurance benefit',
    });
  });

  it('derive from plan-declared indicators too: a count changes in its count, a share in percentage points', () => {
    const orders = {
      id: 'count.nye-jobordrer',
      labelDa: 'Nye jobordrer pr. måned',
      labelEn: 'New job orders per month',
      unit: 'count',
      share: false,
    } as const;
    expect(deriveIndicator(orders, 'mean-12m')).toMatchObject({
      id: 'count.nye-jobordrer.mean-12m',
      unit: 'count',
      labelDa: '12-måneders gennemsnit af nye jobordrer pr. måned',
    });
    expect(deriveIndicator(orders, 'change-12m')).toMatchObject({ unit: 'count', labelEn: '12-month change in new job orders per month' });
    expect(deriveIndicator({ ...orders, id: 'jobs.formidlingsgrad', labelDa: 'Formidlingsgrad', unit: 'percent' }, 'change-12m').unit).toBe(
      'pp',
    );
    expect(deriveIndicator({ ...orders, labelDa: 'SHY-varighed' }, 'change-12m').labelDa).toBe('Ændring i SHY-varighed over 12 måneder');
  });

  it('parse derived ids, and are never posted as figures', () => {
    expect(parseDerivedId('count.nye-jobordrer.mean-12m')).toEqual({ base: 'count.nye-jobordrer', derivation: 'mean-12m' });
    expect(parseDerivedId('share.a-dagpenge')).toBeNull();
    expect(isDirectIndicatorSeries('count.nye-jobordrer')).toBe(true);
    expect(isDirectIndicatorSeries('count.nye-jobordrer.mean-12m')).toBe(false);
    expect(isDirectIndicatorSeries('share.a-dagpenge.change-12m')).toBe(false);
  });
});
