import { deriveSeries, development } from './development';

/**
 * Golden: Frederiksberg, Beskæftigelsesplan 2022, Bilag 1 — full-time persons July 2020 → July 2021,
 * per benefit type and group, with the seed's printed change and per cent. Where the seed's own
 * arithmetic is wrong, the test pins the correct figure and says so.
 */
const BILAG_1: [string, number, number, number, string][] = [
  ['A-dagpenge', 2693, 2113, -580, '-21.5'],
  ['Sygedagpenge', 904, 1217, 313, '34.6'],
  ['Jobafklaringsforløb', 232, 106, -126, '-54.3'],
  // Delsum July 2021 is printed 1.328, but 1.217 + 106 = 1.323; the printed change 187 and 16,5 % match 1.323.
  ['Delsum sygedagpenge mv.', 904 + 232, 1217 + 106, 187, '16.5'],
  ['Ledighedsydelse', 121, 109, -12, '-9.9'],
  ['Fleksjob', 479, 520, 41, '8.6'],
  ['Delsum fleksjob', 600, 629, 29, '4.8'],
  ['Revalidering', 38, 31, -7, '-18.4'],
  ['Forrevalidering', 10, 9, -1, '-10.0'],
  ['Ressourceforløb', 272, 260, -12, '-4.4'],
  ['Delsum ressourceforløb mv.', 320, 300, -20, '-6.3'],
  ['Kontanthjælp', 1057, 759, -298, '-28.2'],
  ['Uddannelseshjælp', 289, 236, -53, '-18.3'],
  // Printed "-12,2" without a % sign: the value is right (−22/181 = −12,15 %).
  ['Selvforsørgelses- og hjemrejseydelse og overgangsydelse', 181, 159, -22, '-12.2'],
  // The change is printed 373 without its sign: 1.154 − 1.527 = −373 (the −24,4 % is right).
  ['Delsum kontanthjælp mv.', 1527, 1154, -373, '-24.4'],
  ['Førtidspension', 2249, 2365, 116, '5.2'],
  // "I alt" prints −634 and −7,4 %; the rows sum to 7.884 − 8.525 = −641, which is −7,5 %.
  ['I alt', 8525, 7884, -641, '-7.5'],
];

describe('development of full-time persons (Frederiksberg Bilag 1, golden)', () => {
  it.each(BILAG_1)('%s: %d → %d is %d (%s %%)', (_row, july2020, july2021, change, percent) => {
    const result = development(july2020, july2021);
    expect(result.change).toBe(change);
    expect(result.percent!.toFixed(1)).toBe(percent);
  });

  it('the rows add up to the corrected totals', () => {
    const july2021 = [2113, 1217, 106, 109, 520, 31, 9, 260, 759, 236, 159, 2365];
    const july2020 = [2693, 904, 232, 121, 479, 38, 10, 272, 1057, 289, 181, 2249];
    expect(july2021.reduce((a, b) => a + b)).toBe(7884);
    expect(july2020.reduce((a, b) => a + b)).toBe(8525);
  });

  it('has no relative change from zero', () => {
    expect(development(0, 5)).toEqual({ from: 0, to: 5, change: 5, percent: null });
  });
});

describe('deriveSeries', () => {
  const months = Array.from({ length: 14 }, (_, i) => ({
    period: `${2020 + Math.floor((i + 6) / 12)}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`,
    value: 100 + i,
  }));

  it('gives the change against the same month last year, since a baseline, and the rolling 12-month mean', () => {
    const derived = deriveSeries(months, '2020-07');
    const july2021 = derived.find((point) => point.period === '2021-07')!;
    expect(july2021.value).toBe(112);
    expect(july2021.sameMonthLastYear).toEqual({ from: 100, to: 112, change: 12, percent: 12 });
    expect(july2021.sinceBaseline).toMatchObject({ change: 12 });
    expect(july2021.rolling12).toBeCloseTo((101 + 112) / 2, 10);
    const first = derived[0];
    expect(first).toMatchObject({ period: '2020-07', sameMonthLastYear: null, rolling12: null });
  });

  it('needs all 12 months for a rolling mean', () => {
    const gap = months.filter((point) => point.period !== '2021-01');
    expect(deriveSeries(gap).find((point) => point.period === '2021-07')!.rolling12).toBeNull();
  });
});
