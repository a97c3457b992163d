import { comparePeriods, formatPeriodDa, formatPeriodEn, isFuturePeriod, parsePeriod } from './period';

describe('periods', () => {
  it.each([
    ['2021-07', '2021-07'],
    ['2021M07', '2021-07'],
    [' 2020-12 ', '2020-12'],
  ])('parses %s as %s', (input, period) => {
    expect(parsePeriod(input)).toEqual({ ok: true, period });
  });

  it.each([
    ['2021-13', /month 13 does not exist/],
    ['2021-00', /month 00 does not exist/],
    ['2021-7', /not a month/],
    ['juli 2021', /not a month/],
    ['1999-01', /outside 2000-2100/],
    ['2021Q3', /not a month/],
  ])('rejects %s with a reason', (input, reason) => {
    const result = parsePeriod(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('orders months', () => {
    expect(comparePeriods('2021-07', '2021-08')).toBe(-1);
    expect(comparePeriods('2022-01', '2021-12')).toBe(1);
    expect(comparePeriods('2021-07', '2021-07')).toBe(0);
  });

  it('treats months after the current one as future', () => {
    const now = new Date('2021-07-31T23:59:59Z');
    expect(isFuturePeriod('2021-07', now)).toBe(false);
    expect(isFuturePeriod('2021-08', now)).toBe(true);
    expect(isFuturePeriod('2020-12', now)).toBe(false);
  });

  it('names months in Danish and English', () => {
    expect(formatPeriodDa('2021-07')).toBe('juli 2021');
    expect(formatPeriodEn('2021-07')).toBe('July 2021');
    expect(formatPeriodDa('2020-03')).toBe('marts 2020');
  });
});
