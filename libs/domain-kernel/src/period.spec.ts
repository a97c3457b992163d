import { comparePeriods, formatPeriodDa, formatPeriodEn, isFuturePeriod, parseMonth, parsePeriod, periodEndMonth } from './period';

describe('periods', () => {
  it.each([
    ['2021-07', '2021-07', 'month', '2021-07'],
    ['2021M07', '2021-07', 'month', '2021-07'],
    [' 2020-12 ', '2020-12', 'month', '2020-12'],
    ['2021Q3', '2021Q3', 'quarter', '2021-09'],
    ['2021-q1', '2021Q1', 'quarter', '2021-03'],
    ['2021QMAT02', '2021QMAT02', 'rolling-year', '2021-06'],
    ['2020QMAT04', '2020QMAT04', 'rolling-year', '2020-12'],
    ['2021', '2021', 'year', '2021-12'],
    ['2023Y01', '2023', 'year', '2023-12'],
  ])('parses %s as %s (%s, ending %s)', (input, period, kind, endMonth) => {
    expect(parsePeriod(input)).toEqual({ ok: true, period, kind, endMonth });
  });

  it.each([
    ['2021-13', /month 13 does not exist/],
    ['2021-00', /month 00 does not exist/],
    ['2021Q5', /quarter 5 does not exist/],
    ['2021QMAT07', /quarter 07 does not exist/],
    ['2021-7', /not a period/],
    ['juli 2021', /not a period/],
    ['1999-01', /outside 2000-2100/],
    ['2021H1', /not a period/],
  ])('rejects %s with a reason', (input, reason) => {
    const result = parsePeriod(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('takes only months where a month is meant', () => {
    expect(parseMonth('2021M07')).toEqual({ ok: true, period: '2021-07' });
    expect(parseMonth('2021Q3')).toEqual({
      ok: false,
      reason: "'2021Q3' is not a month; use YYYY-MM (e.g. 2021-07) or YYYYMmm (e.g. 2021M07)",
    });
    expect(parseMonth('2021-13')).toEqual({ ok: false, reason: 'month 13 does not exist' });
  });

  it('orders periods by the month they end in', () => {
    expect(comparePeriods('2021-07', '2021-08')).toBe(-1);
    expect(comparePeriods('2022-01', '2021-12')).toBe(1);
    expect(comparePeriods('2021-07', '2021-07')).toBe(0);
    expect(comparePeriods('2021Q4', '2022Q1')).toBe(-1);
    expect(comparePeriods('2021QMAT02', '2021-07')).toBe(-1);
    expect(periodEndMonth('2021QMAT02')).toBe('2021-06');
  });

  it('treats periods that end after the current month as future', () => {
    const now = new Date('2021-07-31T23:59:59Z');
    expect(isFuturePeriod('2021-07', now)).toBe(false);
    expect(isFuturePeriod('2021-08', now)).toBe(true);
    expect(isFuturePeriod('2020-12', now)).toBe(false);
    expect(isFuturePeriod('2021Q2', now)).toBe(false);
    expect(isFuturePeriod('2021Q3', now)).toBe(true);
    expect(isFuturePeriod('2021', now)).toBe(true);
  });

  it('names periods in Danish and English', () => {
    expect(formatPeriodDa('2021-07')).toBe('juli 2021');
    expect(formatPeriodEn('2021-07')).toBe('July 2021');
    expect(formatPeriodDa('2020-03')).toBe('marts 2020');
    expect(formatPeriodDa('2021Q3')).toBe('3. kvartal 2021');
    expect(formatPeriodEn('2021Q3')).toBe('Q3 2021');
    expect(formatPeriodDa('2021QMAT02')).toBe('de 12 måneder til og med juni 2021');
    expect(formatPeriodEn('2021QMAT02')).toBe('the 12 months to June 2021');
    expect(formatPeriodDa('2021')).toBe('2021');
  });
});
