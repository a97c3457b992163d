import { isAutoDraftDue, monthsOf, previousReportPeriod, ReportPeriod, reportPeriodEndingIn, reportPeriodLabel } from './report-period';

/** `2022-06` from a year and a month (1-12), written independently of the engine's month arithmetic. */
const month = (year: number, monthNumber: number) => `${year}-${String(monthNumber).padStart(2, '0')}`;

/** Every month from `from` to `to`, both included, by walking the calendar with Date. */
function calendar(from: string, to: string): string[] {
  const months: string[] = [];
  const at = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, 1));
  const end = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, 1));
  while (at <= end) {
    months.push(month(at.getUTCFullYear(), at.getUTCMonth() + 1));
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months;
}

const HALF_YEARS = [6, 12];
const QUARTERS = [3, 6, 9, 12];

describe('reportPeriodEndingIn', () => {
  it('closes January–June with June and July–December with December for half-yearly reports', () => {
    expect(reportPeriodEndingIn('2022-06', HALF_YEARS)).toEqual({ from: '2022-01', to: '2022-06' });
    expect(reportPeriodEndingIn('2022-12', HALF_YEARS)).toEqual({ from: '2022-07', to: '2022-12' });
  });

  it.each(QUARTERS)('closes the quarter that ends in month %i for quarterly reports', (last) => {
    const year = 2023;
    expect(reportPeriodEndingIn(month(year, last), QUARTERS)).toEqual({ from: month(year, last - 2), to: month(year, last) });
  });

  it('makes a single report month close the whole calendar year when it is December', () => {
    expect(reportPeriodEndingIn('2022-12', [12])).toEqual({ from: '2022-01', to: '2022-12' });
  });

  it('makes a single report month other than December close the twelve months ending with it, across the year', () => {
    // Only June: a report covers July of the year before to June.
    expect(reportPeriodEndingIn('2022-06', [6])).toEqual({ from: '2021-07', to: '2022-06' });
  });

  it('tiles the year without gaps or overlaps whatever the report months are', () => {
    for (const reportMonths of [HALF_YEARS, QUARTERS, [12], [2, 5, 11], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]) {
      const periods = reportMonths.map((last) => reportPeriodEndingIn(month(2022, last), reportMonths) as ReportPeriod);
      const covered = periods.flatMap((period) => calendar(period.from, period.to));
      const lastReport = reportMonths[reportMonths.length - 1];
      // Twelve consecutive months ending with the year's last report month, each once.
      expect(covered).toEqual(calendar(month(2021, lastReport), month(2022, lastReport)).slice(1));
      expect(covered).toHaveLength(12);
    }
  });

  it('accepts the report months unsorted and with duplicates', () => {
    expect(reportPeriodEndingIn('2022-06', [12, 6, 12, 6])).toEqual({ from: '2022-01', to: '2022-06' });
    expect(reportPeriodEndingIn('2022-12', [12, 6, 6])).toEqual({ from: '2022-07', to: '2022-12' });
    expect(reportPeriodEndingIn('2022-09', [12, 9, 3, 6, 3])).toEqual({ from: '2022-07', to: '2022-09' });
  });

  it('is null for a month that is not a report month', () => {
    expect(reportPeriodEndingIn('2022-05', HALF_YEARS)).toBeNull();
    expect(reportPeriodEndingIn('2022-01', HALF_YEARS)).toBeNull();
    expect(reportPeriodEndingIn('2022-11', QUARTERS)).toBeNull();
    expect(reportPeriodEndingIn('2022-06', [])).toBeNull();
  });

  it.each(['2022-13', '2022-00', '2022-6', '2022M06', '2022Q2', '2022', ' 2022-06', '1999-06', 'juni 2022', ''])(
    'is null for %p, which is not a month as YYYY-MM',
    (input) => {
      expect(reportPeriodEndingIn(input, HALF_YEARS)).toBeNull();
    },
  );
});

describe('previousReportPeriod', () => {
  it('goes back across the year boundary: January–June 2022 follows July–December 2021', () => {
    expect(previousReportPeriod({ from: '2022-01', to: '2022-06' }, HALF_YEARS)).toEqual({ from: '2021-07', to: '2021-12' });
  });

  it('goes back within the year', () => {
    expect(previousReportPeriod({ from: '2022-07', to: '2022-12' }, HALF_YEARS)).toEqual({ from: '2022-01', to: '2022-06' });
    expect(previousReportPeriod({ from: '2022-04', to: '2022-06' }, QUARTERS)).toEqual({ from: '2022-01', to: '2022-03' });
    expect(previousReportPeriod({ from: '2022-01', to: '2022-03' }, QUARTERS)).toEqual({ from: '2021-10', to: '2021-12' });
    expect(previousReportPeriod({ from: '2022-01', to: '2022-12' }, [12])).toEqual({ from: '2021-01', to: '2021-12' });
  });

  it('is null when the month before the period is not a report month', () => {
    expect(previousReportPeriod({ from: '2022-02', to: '2022-06' }, HALF_YEARS)).toBeNull();
  });
});

describe('monthsOf', () => {
  it('lists every month of the period, both ends included, oldest first', () => {
    expect(monthsOf({ from: '2022-01', to: '2022-06' })).toEqual(['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06']);
  });

  it('crosses a year boundary', () => {
    expect(monthsOf({ from: '2021-11', to: '2022-02' })).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
  });

  it('is the month itself for a one-month period, and twelve months for a year', () => {
    expect(monthsOf({ from: '2022-03', to: '2022-03' })).toEqual(['2022-03']);
    expect(monthsOf({ from: '2022-01', to: '2022-12' })).toEqual(calendar('2022-01', '2022-12'));
  });

  it('agrees with reportPeriodEndingIn on every report period', () => {
    for (const last of QUARTERS) {
      const period = reportPeriodEndingIn(month(2022, last), QUARTERS) as ReportPeriod;
      expect(monthsOf(period)).toEqual(calendar(period.from, period.to));
    }
  });
});

describe('isAutoDraftDue', () => {
  const firstHalf: ReportPeriod = { from: '2022-01', to: '2022-06' };
  const window = 3;

  it('is due when the period ended last month', () => {
    expect(isAutoDraftDue(firstHalf, new Date('2022-07-15T12:00:00Z'), window)).toBe(true);
  });

  it('is not due during the period’s own last month, which is not over yet', () => {
    expect(isAutoDraftDue(firstHalf, new Date('2022-06-30T23:59:59Z'), window)).toBe(false);
    expect(isAutoDraftDue(firstHalf, new Date('2022-06-01T00:00:00Z'), window)).toBe(false);
  });

  it('is not due before the period has ended', () => {
    expect(isAutoDraftDue(firstHalf, new Date('2022-03-10T00:00:00Z'), window)).toBe(false);
    expect(isAutoDraftDue(firstHalf, new Date('2021-12-10T00:00:00Z'), window)).toBe(false);
  });

  it('is due up to and including the window’s last month and not after it', () => {
    // The period ended in June: July is one month later, September `window` months later.
    expect(isAutoDraftDue(firstHalf, new Date('2022-07-01T00:00:00Z'), window)).toBe(true);
    expect(isAutoDraftDue(firstHalf, new Date('2022-09-30T23:59:59Z'), window)).toBe(true);
    expect(isAutoDraftDue(firstHalf, new Date('2022-10-01T00:00:00Z'), window)).toBe(false);
  });

  it('is not due for a period older than the window (a backfill of history)', () => {
    expect(isAutoDraftDue({ from: '2019-07', to: '2019-12' }, new Date('2022-07-15T00:00:00Z'), window)).toBe(false);
    expect(isAutoDraftDue(firstHalf, new Date('2023-01-15T00:00:00Z'), window)).toBe(false);
  });

  it('counts months across a year boundary', () => {
    const secondHalf: ReportPeriod = { from: '2022-07', to: '2022-12' };
    expect(isAutoDraftDue(secondHalf, new Date('2023-01-05T00:00:00Z'), 1)).toBe(true);
    expect(isAutoDraftDue(secondHalf, new Date('2023-02-05T00:00:00Z'), 1)).toBe(false);
  });

  it('reads `now` in UTC', () => {
    // 1 July 00:30 in Copenhagen (CEST, +02:00) is still 30 June in UTC.
    expect(isAutoDraftDue(firstHalf, new Date('2022-07-01T00:30:00+02:00'), window)).toBe(false);
    expect(isAutoDraftDue(firstHalf, new Date('2022-07-01T00:30:00Z'), window)).toBe(true);
  });

  it('is never due with a window of zero months', () => {
    expect(isAutoDraftDue(firstHalf, new Date('2022-07-15T00:00:00Z'), 0)).toBe(false);
  });
});

describe('reportPeriodLabel', () => {
  it('names a one-month period by its month once', () => {
    expect(reportPeriodLabel({ from: '2022-06', to: '2022-06' }, 'da')).toBe('juni 2022');
    expect(reportPeriodLabel({ from: '2022-06', to: '2022-06' }, 'en')).toBe('June 2022');
  });

  it.each([
    [{ from: '2022-01', to: '2022-06' }, '1. halvår 2022', 'H1 2022'],
    [{ from: '2022-07', to: '2022-12' }, '2. halvår 2022', 'H2 2022'],
  ])('names the half-year %o', (period, da, en) => {
    expect(reportPeriodLabel(period, 'da')).toBe(da);
    expect(reportPeriodLabel(period, 'en')).toBe(en);
  });

  it.each([1, 2, 3, 4])('names quarter %i', (quarter) => {
    const period = { from: month(2022, quarter * 3 - 2), to: month(2022, quarter * 3) };
    expect(reportPeriodLabel(period, 'da')).toBe(`${quarter}. kvartal 2022`);
    expect(reportPeriodLabel(period, 'en')).toBe(`Q${quarter} 2022`);
  });

  it('names the calendar year by its number in both languages', () => {
    expect(reportPeriodLabel({ from: '2022-01', to: '2022-12' }, 'da')).toBe('2022');
    expect(reportPeriodLabel({ from: '2022-01', to: '2022-12' }, 'en')).toBe('2022');
  });

  it('names an irregular span within a year by its first and last months', () => {
    expect(reportPeriodLabel({ from: '2022-01', to: '2022-04' }, 'da')).toBe('januar–april 2022');
    expect(reportPeriodLabel({ from: '2022-01', to: '2022-04' }, 'en')).toBe('January–April 2022');
  });

  it('names an irregular span crossing a year with both years', () => {
    expect(reportPeriodLabel({ from: '2021-11', to: '2022-04' }, 'da')).toBe('november 2021–april 2022');
    expect(reportPeriodLabel({ from: '2021-11', to: '2022-04' }, 'en')).toBe('November 2021–April 2022');
  });

  it('does not call six months a half-year, nor three a quarter, nor twelve a year unless they are aligned to one', () => {
    expect(reportPeriodLabel({ from: '2022-03', to: '2022-08' }, 'da')).toBe('marts–august 2022');
    expect(reportPeriodLabel({ from: '2022-02', to: '2022-04' }, 'en')).toBe('February–April 2022');
    expect(reportPeriodLabel({ from: '2021-07', to: '2022-06' }, 'da')).toBe('juli 2021–juni 2022');
    expect(reportPeriodLabel({ from: '2021-10', to: '2021-12' }, 'da')).toBe('4. kvartal 2021');
    expect(reportPeriodLabel({ from: '2021-12', to: '2022-02' }, 'en')).toBe('December 2021–February 2022');
  });

  it('labels the periods reportPeriodEndingIn builds for a half-yearly plan', () => {
    const june = reportPeriodEndingIn('2022-06', HALF_YEARS) as ReportPeriod;
    const before = previousReportPeriod(june, HALF_YEARS) as ReportPeriod;
    expect(reportPeriodLabel(june, 'da')).toBe('1. halvår 2022');
    expect(reportPeriodLabel(before, 'da')).toBe('2. halvår 2021');
  });
});
