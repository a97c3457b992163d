import fc from 'fast-check';
import { addMonths } from '@pejling/domain-kernel';
import { checkGroupTotal, checkJump, checkMissingPeriod, SeriesPoint } from './checks';

/** Frederiksberg, Bilag 1, July 2021 (full-time persons), as printed. */
const BILAG_1_JULY_2021 = new Map([
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
]);

const monthly = (values: number[], start = '2019-01'): SeriesPoint[] =>
  values.map((value, index) => ({ period: addMonths(start, index), value }));

describe('group totals against the sum of their parts', () => {
  it("flags the seed's own Delsum error: 1.328 printed for 1.217 + 106 = 1.323", () => {
    const flag = checkGroupTotal('sygedagpenge-mv', '147', '2021-07', 1328, BILAG_1_JULY_2021);
    expect(flag).toMatchObject({ check: 'group-total', details: { total: 1328, sumOfParts: 1323, difference: 5, tolerance: 1 } });
    expect(flag?.message.da).toBe('Sygedagpenge mv. juli 2021 er opgjort til 1.328, men delene summerer til 1.323 (forskel 5).');
  });

  it("accepts the seed's correct subtotals and total", () => {
    expect(checkGroupTotal('fleksjob-mv', '147', '2021-07', 629, BILAG_1_JULY_2021)).toBeNull();
    expect(checkGroupTotal('ressourceforloeb-mv', '147', '2021-07', 300, BILAG_1_JULY_2021)).toBeNull();
    expect(checkGroupTotal('kontanthjaelp-mv', '147', '2021-07', 1154, BILAG_1_JULY_2021)).toBeNull();
    expect(checkGroupTotal('alle-ydelser', '147', '2021-07', 7884, BILAG_1_JULY_2021)).toBeNull();
  });

  it('judges nothing until every part is known, and allows rounding of ½ per part', () => {
    expect(checkGroupTotal('sygedagpenge-mv', '147', '2021-07', 9999, new Map([['sygedagpenge', 1217]]))).toBeNull();
    expect(checkGroupTotal('sygedagpenge-mv', '147', '2021-07', 1324, BILAG_1_JULY_2021)).toBeNull();
    expect(checkGroupTotal('sygedagpenge-mv', '147', '2021-07', 1322, BILAG_1_JULY_2021)).toBeNull();
    expect(checkGroupTotal('sygedagpenge', '147', '2021-07', 1, BILAG_1_JULY_2021)).toBeNull(); // not a group
  });
});

describe('jumps beyond the series’ own robust range', () => {
  const steady = monthly([1000, 1010, 1005, 1020, 1012, 1018, 1025, 1019, 1030, 1024, 1035, 1029]);

  it('flags a figure whose change is far outside the history of changes, with the numbers that explain why', () => {
    const flag = checkJump('sygedagpenge', '147', steady, { period: '2020-01', value: 1400 });
    expect(flag).toMatchObject({
      check: 'jump',
      period: '2020-01',
      value: 1400,
      details: { previousValue: 1029, change: 371, historyLength: 11 },
    });
    expect(flag?.message.en).toMatch(/^Sickness benefit for January 2020 \(1,400\) changes by 371 from December 2019/);
  });

  it('does not flag an ordinary month, a small absolute change, or a series too short to judge', () => {
    expect(checkJump('sygedagpenge', '147', steady, { period: '2020-01', value: 1040 })).toBeNull();
    expect(
      checkJump('sygedagpenge', '147', monthly([100, 100, 100, 100, 100, 100, 100, 100]), { period: '2019-09', value: 103 }),
    ).toBeNull();
    expect(checkJump('sygedagpenge', '147', steady.slice(0, 5), { period: '2019-06', value: 5000 })).toBeNull();
  });

  it('judges only against the period just before (a gap is the missing-period check’s business)', () => {
    expect(checkJump('sygedagpenge', '147', steady, { period: '2020-03', value: 5000 })).toBeNull();
  });

  it('is not fooled by one earlier outlier (the band stays narrow)', () => {
    const withOutlier = monthly([1000, 1010, 1005, 1900, 1012, 1018, 1025, 1019, 1030, 1024, 1035, 1029]);
    expect(checkJump('sygedagpenge', '147', withOutlier, { period: '2020-01', value: 1400 })).not.toBeNull();
  });

  it('never flags a series that moves by the same step every month (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 100_000 }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 7, max: 30 }),
        (start, step, length) => {
          const series = monthly(Array.from({ length }, (_, index) => start + step * index + 1000));
          const next = { period: addMonths('2019-01', length), value: start + step * length + 1000 };
          return checkJump('a-dagpenge', '101', series, next) === null;
        },
      ),
    );
  });
});

describe('missing periods', () => {
  it('flags the gap when a regular series skips periods, naming all of them', () => {
    const known = new Set(['2021-03', '2021-04', '2021-05', '2021-08']);
    const flag = checkMissingPeriod('a-dagpenge', '101', known, '2021-08');
    expect(flag).toMatchObject({
      check: 'missing-period',
      period: '2021-06',
      details: { missingPeriods: ['2021-06', '2021-07'], lastBefore: '2021-05' },
    });
    expect(flag?.message.da).toBe('A-dagpenge mangler for juni 2021 – juli 2021: serien har tal før og efter.');
    expect(checkMissingPeriod('a-dagpenge', '101', known, '2021-05')).toBeNull();
    expect(checkMissingPeriod('a-dagpenge', '101', known, '2021-03')).toBeNull(); // the first period has no predecessor
  });

  it('does not flag a sparse series that has no cadence to miss (a plan’s July-to-July table)', () => {
    expect(checkMissingPeriod('a-dagpenge', '147', new Set(['2020-07', '2021-07']), '2021-07')).toBeNull();
  });

  it('works for quarters and rolling years too', () => {
    expect(
      checkMissingPeriod('benchmark.faktiske-fuldtidspersoner', '155', new Set(['2020QMAT01', '2020QMAT02', '2021QMAT02']), '2021QMAT02'),
    ).toMatchObject({ period: '2020QMAT03' });
    expect(checkMissingPeriod('x', '155', new Set(['2020Q4', '2021Q1']), '2021Q1')).toBeNull();
  });
});
