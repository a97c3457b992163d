import { formatters } from './format';

describe('console formatting', () => {
  const da = formatters('da');
  const en = formatters('en');

  it('writes Danish numbers, percentages and periods as the plans print them', () => {
    expect(da.percent(1.9)).toBe('1,9 %');
    expect(da.value(1.8792, 'percent')).toBe('1,88 %');
    expect(da.number(2113)).toBe('2.113');
    expect(da.value(2113, 'count')).toBe('2.113');
    expect(da.value(0.08, 'pp')).toBe('0,08 pct.-point');
    expect(da.period('2021-07')).toBe('juli 2021');
    expect(da.period('2021Q3')).toBe('3. kvartal 2021');
  });

  it('writes English with English separators and month names', () => {
    expect(en.percent(1.9)).toBe('1.9 %');
    expect(en.number(2113)).toBe('2,113');
    expect(en.period('2021-07')).toBe('July 2021');
    expect(en.value(0.08, 'pp')).toBe('0.08 pp');
  });

  it('shows a dash for a missing value and names municipalities', () => {
    expect(da.value(null, 'percent')).toBe('–');
    expect(da.period(null)).toBe('–');
    expect(da.municipality('147')).toBe('Frederiksberg');
    expect(da.municipality('*')).toBe('Alle kommuner');
    expect(en.municipality('000')).toBe('The whole country');
  });

  it('gives the age of an episode in words', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(da.age('2026-12-02T11:55:00Z', now)).toBe('5 minutter');
    expect(da.age('2026-11-29T12:00:00Z', now)).toBe('3 dage');
    expect(en.age('2026-12-02T09:00:00Z', now)).toBe('3 hours');
  });

  it('dates in Copenhagen time', () => {
    expect(da.moment('2026-07-01T10:00:00Z')).toBe('1. jul. 2026, 12.00');
  });
});
