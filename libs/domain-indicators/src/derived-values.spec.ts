import {
  BaseValue,
  basePeriodsFor,
  computeDerived,
  meanWindow,
  nationalChangeOfShare,
  periodsAffectedBy,
  recomputeDerived,
  sameTimeLastYear,
} from './derived-values';
import { deriveIndicator, findIndicator } from './indicators';
import { DerivedIndicatorDefinition } from './indicators';

const change = findIndicator('share.sygedagpenge-mv.change-12m') as DerivedIndicatorDefinition;
const mean = findIndicator('share.sygedagpenge-mv.mean-12m') as DerivedIndicatorDefinition;
const share = (numerator: number, denominator = 70400): BaseValue => ({ value: (100 * numerator) / denominator, numerator, denominator });

/** Frederiksberg's Sygedagpenge mv. (Bilag 1): 1.136 FTP in July 2020, 1.323 in July 2021; the months between rise by 17 a month. */
const frederiksberg = new Map<string, BaseValue>(
  Array.from({ length: 13 }, (_, i) => {
    const month = 7 + i;
    const period = month <= 12 ? `2020-${String(month).padStart(2, '0')}` : `2021-${String(month - 12).padStart(2, '0')}`;
    return [period, share(i === 12 ? 1323 : 1136 + 17 * i)] as const;
  }),
);

describe('derived indicators: the year-on-year change', () => {
  it('is value(P) − value(P a year earlier) in percentage points, with the change of full-time persons as numerator', () => {
    const july = computeDerived(change, '2021-07', frederiksberg)!;
    expect(july).toMatchObject({
      indicatorId: 'share.sygedagpenge-mv.change-12m',
      period: '2021-07',
      unit: 'pp',
      numerator: 187,
      denominator: 70400,
    });
    // 1,879 % − 1,614 % = 0,266 pct.-point (Bilag 1: "Udvikling" 187 FTP, 16,5 %).
    expect(july.value).toBeCloseTo((100 * 1323) / 70400 - (100 * 1136) / 70400, 10);
    expect(july.value.toFixed(2)).toBe('0.27');
  });

  it('compares against the population of each year, not the current one', () => {
    const values = new Map([
      ['2020-07', share(1000, 50000)],
      ['2021-07', share(1000, 40000)],
    ]);
    expect(computeDerived(change, '2021-07', values)!.value).toBeCloseTo(2.5 - 2, 10);
  });

  it('is null while either year is missing', () => {
    expect(computeDerived(change, '2020-12', frederiksberg)).toBeNull();
    const withoutJuly2020 = new Map(frederiksberg);
    withoutJuly2020.delete('2020-07');
    expect(computeDerived(change, '2021-07', withoutJuly2020)).toBeNull();
  });

  it('compares every period kind with the same period a year earlier', () => {
    expect(['2021-07', '2021-01', '2021Q3', '2021QMAT02', '2021'].map(sameTimeLastYear)).toEqual([
      '2020-07',
      '2020-01',
      '2020Q3',
      '2020QMAT02',
      '2020',
    ]);
    const quarters = new Map([
      ['2020Q2', share(926)],
      ['2021Q2', share(1042)],
    ]);
    expect(computeDerived(change, '2021Q2', quarters)).toMatchObject({ period: '2021Q2', numerator: 116 });
    const years = new Map([
      ['2020', share(100)],
      ['2021', share(90)],
    ]);
    expect(computeDerived(change, '2021', years)).toMatchObject({ numerator: -10 });
  });

  it('of a count is a change in the count', () => {
    const orders = deriveIndicator(
      { id: 'count.nye-jobordrer', labelDa: 'Nye jobordrer pr. måned', labelEn: 'New job orders per month', unit: 'count', share: false },
      'change-12m',
    );
    const values = new Map([
      ['2021-03', { value: 40, numerator: 40, denominator: 1 }],
      ['2022-03', { value: 52, numerator: 52, denominator: 1 }],
    ]);
    expect(computeDerived(orders, '2022-03', values)).toMatchObject({ value: 12, unit: 'count' });
  });
});

describe('derived indicators: the rolling 12-month mean', () => {
  it('is the mean of the 12 monthly values ending at P, with mean numerator and denominator', () => {
    const value = computeDerived(mean, '2021-06', frederiksberg)!;
    const months = Array.from({ length: 12 }, (_, i) => 1136 + 17 * i);
    const average = months.reduce((sum, ftp) => sum + ftp, 0) / 12;
    expect(value).toMatchObject({ period: '2021-06', unit: 'percent', denominator: 70400 });
    expect(value.numerator).toBeCloseTo(average, 10);
    expect(value.value).toBeCloseTo((100 * average) / 70400, 10);
  });

  it('is null until all 12 months exist, and a gap in the window makes it null again', () => {
    expect(computeDerived(mean, '2021-05', frederiksberg)).toBeNull();
    expect(computeDerived(mean, '2021-07', frederiksberg)).not.toBeNull();
    const gap = new Map(frederiksberg);
    gap.delete('2021-01');
    expect(computeDerived(mean, '2021-06', gap)).toBeNull();
  });

  it('averages 4 quarters for a quarterly series; a rolling year or a year has no rolling mean', () => {
    expect(meanWindow('2021Q2')).toEqual(['2020Q3', '2020Q4', '2021Q1', '2021Q2']);
    expect(meanWindow('2021-03')).toEqual([
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
      '2020-08',
      '2020-09',
      '2020-10',
      '2020-11',
      '2020-12',
      '2021-01',
      '2021-02',
      '2021-03',
    ]);
    expect(meanWindow('2021QMAT02')).toEqual([]);
    expect(meanWindow('2021')).toEqual([]);
    expect(computeDerived(mean, '2021', new Map([['2021', share(100)]]))).toBeNull();
  });
});

describe('derived indicators: what a new or revised value recomputes', () => {
  it('a month changes the change at P and P+12 and the means of P … P+11', () => {
    const affected = periodsAffectedBy('2020-11');
    expect(affected['change-12m']).toEqual(['2020-11', '2021-11']);
    expect(affected['mean-12m']).toEqual([
      '2020-11',
      '2020-12',
      '2021-01',
      '2021-02',
      '2021-03',
      '2021-04',
      '2021-05',
      '2021-06',
      '2021-07',
      '2021-08',
      '2021-09',
      '2021-10',
    ]);
    expect(periodsAffectedBy('2021Q4')['mean-12m']).toEqual(['2021Q4', '2022Q1', '2022Q2', '2022Q3']);
    expect(periodsAffectedBy('2021')).toEqual({ 'change-12m': ['2021', '2022'], 'mean-12m': [] });
  });

  it('reads the base periods from 11 months before to 12 months after', () => {
    const periods = basePeriodsFor(['2021-01']).sort();
    expect(periods[0]).toBe('2020-01');
    expect(periods.at(-1)).toBe('2022-01');
    expect(periods).toHaveLength(25);
  });

  it('a revision of July 2020 recomputes the change of July 2020 and July 2021 and every mean that holds July 2020', () => {
    const revised = new Map(frederiksberg).set('2020-07', share(1100));
    const values = recomputeDerived([change, mean], ['2020-07'], revised);
    // Only what can be computed from the 13 months: the change of July 2021 and the mean of June and July 2021 hold July 2020 … the mean of July 2021 does not.
    expect(values.map((value) => `${value.indicatorId}|${value.period}`).sort()).toEqual([
      'share.sygedagpenge-mv.change-12m|2021-07',
      'share.sygedagpenge-mv.mean-12m|2021-06',
    ]);
    expect(values.find((value) => value.indicatorId.endsWith('change-12m'))!.numerator).toBe(1323 - 1100);
  });

  it('a backfill of many months gives each derived value once, the same as each month alone, and reads the same base periods', () => {
    const months = [...frederiksberg.keys()];
    const alone = new Map(
      months
        .flatMap((month) => recomputeDerived([change, mean], [month], frederiksberg))
        .map((value) => [`${value.indicatorId}|${value.period}`, value]),
    );
    const together = recomputeDerived([change, mean], months, frederiksberg);
    expect(together).toHaveLength(alone.size);
    expect(new Map(together.map((value) => [`${value.indicatorId}|${value.period}`, value]))).toEqual(alone);
    expect(basePeriodsFor(months).sort()).toEqual([...new Set(months.flatMap((month) => basePeriodsFor([month])))].sort());
  });
});

describe('national benchmark of a change', () => {
  it('is the change of the country share over municipalities with both years, not the mean of their changes', () => {
    const now = [
      { municipality: '101', numerator: 2000, denominator: 400000 },
      { municipality: '147', numerator: 1323, denominator: 70400 },
      { municipality: '155', numerator: 200, denominator: 9000 },
    ];
    const before = [
      { municipality: '101', numerator: 2400, denominator: 400000 },
      { municipality: '147', numerator: 1136, denominator: 70400 },
    ];
    const expected = (100 * 3323) / 470400 - (100 * 3536) / 470400;
    expect(nationalChangeOfShare(now, before)).toBeCloseTo(expected, 12);
    expect(nationalChangeOfShare(now, [])).toBeNull();
  });
});
