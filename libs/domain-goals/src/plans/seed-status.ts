import { EngineState, GoalReading } from '../engine/rules';

export interface SeedStatus {
  plan: string;
  goal: string;
  /** What the seed prints as the status, and where. */
  printed: string;
  reading: GoalReading;
  /** The month the status was written in (cohorts mature against it). */
  asOf: string;
  /** The state Pejling must compute; a comment says where the seed itself says so or errs. */
  expected: EngineState;
  /** What the seed check (scripts/seed-check.mjs) reads back from the real pipeline; absent when the seed prints no figure. */
  check?: SeedFigureCheck;
}

/** The other side of a goal's comparison, as far as the seed prints it. */
export interface SeedComparison {
  with: 'national' | 'cluster' | 'cluster-rank';
  /** The other side's figure as printed; null when the seed prints only the offset (or nothing). */
  figure: number | null;
  /** False when the printed figure cannot be imported as raw figures (a national share without the country's counts). */
  importable?: boolean;
  /** Why the comparison cannot be reproduced from the seed. */
  why?: string;
}

/** The municipality's own figure for a goal, as the seed prints it and as the check imports it. */
export interface SeedFigureCheck {
  /** The period the seed prints the figure for (as imported; the check reads the evaluation of this period). */
  period: string;
  /** The figure at the decimals the seed prints it; null when the seed prints none (then `why`). */
  figure: number | null;
  decimals?: number;
  /** `counts`: Pejling computes it from the imported counts; `ready-made`: a published share or count, posted as printed. */
  from?: 'counts' | 'ready-made';
  /** The raw figures behind it, as printed. */
  raw?: string;
  why?: string;
  comparison?: SeedComparison;
}

const own = (
  period: string,
  figure: number,
  decimals: number,
  from: 'counts' | 'ready-made',
  raw?: string,
  comparison?: SeedComparison,
): SeedFigureCheck => ({
  period,
  figure,
  decimals,
  from,
  raw,
  comparison,
});
const cluster = (why: string): SeedComparison => ({ with: 'cluster', figure: null, why });
const national = (figure: number): SeedComparison => ({ with: 'national', figure });
const nationalShare = (figure: number): SeedComparison => ({
  with: 'national',
  figure,
  importable: false,
  why: `the seed prints the national share (${String(figure).replace('.', ',')} %), not the country's full-time persons and population it is computed from`,
});
const bound = (period: string, why: string): SeedFigureCheck => ({ period, figure: null, why });

const r = (period: string, value: number | null, extra: Partial<GoalReading> = {}): GoalReading => ({ period, value, ...extra });

/**
 * The seeds' own status figures for every goal that has them (shared/domain/goal-catalog.md,
 * section b), and the state they imply. Goals without printed figures are listed with no value,
 * so the table of all goals and their states can be produced from the plans alone.
 */
export const SEED_STATUS: readonly SeedStatus[] = [
  // Frederiksberg 2022 (000): July 2021; cluster averages derived as value ∓ the printed offset.
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål A',
    printed: '11,2 % (7.884 FTP), 1,3 pp below the cluster',
    reading: r('2021-07', (100 * 7884) / 70400, { benchmarks: { cluster: 12.5 } }),
    asOf: '2021-12',
    expected: 'met',
    check: own(
      '2021-07',
      11.2,
      1,
      'counts',
      '7.884 / 70.400',
      cluster("only the offset is printed (1,3 pct.-point below the cluster), not the cluster members' figures"),
    ),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål B',
    printed: '36,3 % (June 2021), 0,6 pp above the cluster',
    reading: r('2021-06', 36.3, { benchmarks: { cluster: 35.7 } }),
    asOf: '2021-12',
    expected: 'breached',
    check: own(
      '2021-06',
      36.3,
      1,
      'ready-made',
      'long-term unemployed of 884 (776 + 107 = 883) gross unemployed; the numerator is not printed',
      cluster('only the offset is printed (0,6 pct.-point above the cluster)'),
    ),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål C',
    printed: '1,6 % (1.154 FTP), 0,5 pp below the cluster',
    reading: r('2021-07', (100 * 1154) / 70400, { benchmarks: { cluster: 2.1 } }),
    asOf: '2021-12',
    expected: 'met',
    check: own(
      '2021-07',
      1.6,
      1,
      'counts',
      '(759 + 236 + 159) / 70.400',
      cluster('only the offset is printed (0,5 pct.-point below the cluster)'),
    ),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål D',
    printed: '3,0 % (2.113 FTP), 0,1 pp above the cluster: "tæt på at opfylde"',
    reading: r('2021-07', (100 * 2113) / 70400, { benchmarks: { cluster: 2.9 } }),
    asOf: '2021-12',
    expected: 'breached',
    check: own('2021-07', 3.0, 1, 'counts', '2.113 / 70.400', cluster('only the offset is printed (0,1 pct.-point above the cluster)')),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål E',
    printed: 'status paragraph missing; Bilag 1 gives 1.323 FTP (printed 1.328) = 1,9 %, no cluster figure',
    reading: r('2021-07', (100 * 1323) / 70400),
    asOf: '2021-12',
    expected: 'no_data',
    check: own(
      '2021-07',
      1.9,
      1,
      'counts',
      '(1.217 + 106) / 70.400: the status paragraph is missing, so the figure is derived from Bilag 1 (which prints the Delsum as 1.328)',
      cluster('the status paragraph is missing: neither the cluster nor an offset is printed'),
    ),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål F',
    printed: '17,3 % (109/629), 1,4 pp above the cluster: "opfylder ikke"',
    reading: r('2021-07', (100 * 109) / 629, { benchmarks: { cluster: 15.9 } }),
    asOf: '2021-12',
    expected: 'breached',
    check: own(
      '2021-07',
      17.3,
      1,
      'ready-made',
      '109 / 629 (Bilag 1: ledighedsydelse / fleksjob and ledighedsydelse)',
      cluster('only the offset is printed (1,4 pct.-point above the cluster)'),
    ),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål G',
    printed: '0,4 % (300 FTP; printed 309), "på niveau med" the cluster',
    reading: r('2021-07', (100 * 300) / 70400, { benchmarks: { cluster: 0.4 } }),
    asOf: '2021-12',
    expected: 'breached',
    check: own(
      '2021-07',
      0.4,
      1,
      'counts',
      '(260 + 31 + 9) / 70.400 (the text prints 309)',
      cluster('only "på niveau med" the cluster is printed'),
    ),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål H',
    printed: '38,3 % (18/47), 13,2 pp below the cluster',
    reading: r('2021-07', (100 * 18) / 47, { benchmarks: { cluster: 51.5 } }),
    asOf: '2021-12',
    expected: 'breached',
    check: own('2021-07', 38.3, 1, 'ready-made', '18 / 47', cluster('only the offset is printed (13,2 pct.-point below the cluster)')),
  },
  {
    plan: 'frederiksberg-2022',
    goal: 'Mål H′',
    printed: 'no rank printed',
    reading: r('2021-07', (100 * 18) / 47),
    asOf: '2021-12',
    expected: 'no_data',
    check: own('2021-07', 38.3, 1, 'ready-made', '18 / 47', {
      with: 'cluster-rank',
      figure: null,
      why: 'no rank in the cluster is printed',
    }),
  },
  { plan: 'frederiksberg-2022', goal: 'UGV-3', printed: 'none', reading: r('2021-07', null), asOf: '2021-12', expected: 'no_data' },
  // Frederiksberg, Vækst og jobskabelse 2021-2024 (003): Appendix A, Indsats 15, as of November 2020.
  {
    plan: 'frederiksberg-vaekst-2021-2024',
    goal: 'VJ-4',
    printed: '2 inspiration meetings held in 2019 (1-2 more expected in 2020)',
    reading: r('2019', 2),
    asOf: '2020-11',
    expected: 'met',
  },
  // Frederikssund 2022 (001): Jun-Sep 2021, national averages as printed.
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 1a',
    printed: '88,2 % (Jul 2021)',
    reading: r('2021-04', 88.2),
    asOf: '2021-09',
    expected: 'met',
    check: own('2021-07', 88.2, 1, 'ready-made'),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 1b',
    printed: '79,9 % vs 81,4 % (Q1 2021)',
    reading: r('2021-03', 79.9, { benchmarks: { national: 81.4 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021Q1', 79.9, 1, 'ready-made', undefined, national(81.4)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 1c',
    printed: '46,4 % vs 40,9 % (Q1 2021)',
    reading: r('2021-03', 46.4, { benchmarks: { national: 40.9 } }),
    asOf: '2021-09',
    expected: 'met',
    check: own('2021Q1', 46.4, 1, 'ready-made', undefined, national(40.9)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 2a',
    printed: '3,6 % vs 5,2 % (Aug 2021)',
    reading: r('2021-08', 3.6, { benchmarks: { national: 5.2 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-08', 3.6, 1, 'ready-made', '22 persons; the denominator is not printed', national(5.2)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 2b',
    printed: '0,4 % vs 0,5 % (Jul 2021)',
    reading: r('2021-07', 0.4, { benchmarks: { national: 0.5 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-07', 0.4, 1, 'ready-made', '5 persons; the denominator is not printed', national(0.5)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 3a',
    printed: '3,0 % vs 2,4 % (Jul 2021): gap 0,6',
    reading: r('2021-07', 3.0, { benchmarks: { national: 2.4 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-07', 3.0, 1, 'counts', '835 / 28.034 (the population implied by Tabel 1: 4.906 = 17,5 %)', nationalShare(2.4)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 3b',
    printed: '12,8 % vs 14,5 % (Jul 2021)',
    reading: r('2021-07', 12.8, { benchmarks: { national: 14.5 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-07', 12.8, 1, 'ready-made', '107 + 31 = 138 persons; the denominator is not printed', national(14.5)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 3c',
    printed: '66,1 % (Jul 2021)',
    reading: r('2021-01', 66.1),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-07', 66.1, 1, 'ready-made'),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 4a',
    printed: '0,0 % (0 of 10) vs 20,2 % (Q2 2021)',
    reading: r('2021-06', 0, { benchmarks: { national: 20.2 } }),
    asOf: '2021-09',
    expected: 'met',
    check: own('2021Q2', 0.0, 1, 'ready-made', '0 of 10 appeals reversed', national(20.2)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 4b',
    printed: '80,5 % (Jul 2021)',
    reading: r('2021-01', 80.5),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-07', 80.5, 1, 'ready-made'),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 4c',
    printed: '69,9 % (Jul 2021)',
    reading: r('2021-01', 69.9),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-07', 69.9, 1, 'ready-made'),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 4d',
    printed: 'none (surveys planned for 2022)',
    reading: r('2021-09', null),
    asOf: '2021-09',
    expected: 'no_data',
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 5a',
    printed: '0,6 % vs 0,8 % (Aug 2021): exactly -0,2',
    reading: r('2021-08', 0.6, { benchmarks: { national: 0.8 } }),
    asOf: '2021-09',
    expected: 'met',
    check: own('2021-08', 0.6, 1, 'counts', '174 / 28.034 (the population implied by Tabel 1)', nationalShare(0.8)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 5b',
    printed: '7,3 % vs 11,4 % (Aug 2021)',
    reading: r('2021-08', 7.3, { benchmarks: { national: 11.4 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-08', 7.3, 1, 'ready-made', '13 persons; the denominator is not printed', national(11.4)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 5c',
    printed: '36,8 % (Jun 2021)',
    reading: r('2021-06', 36.8),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-06', 36.8, 1, 'ready-made'),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 6a',
    printed: '90 % satisfied with the service (Dec 2020 survey)',
    reading: r('2020-12', 90),
    asOf: '2021-09',
    expected: 'met',
    check: own('2020-12', 90, 0, 'ready-made', "148 answers; the survey's service question"),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 6c',
    printed: '6,3 % vs 7,9 % (Jul 2021)',
    reading: r('2021-07', 6.3, { benchmarks: { national: 7.9 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-07', 6.3, 1, 'ready-made', undefined, national(7.9)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 7a',
    printed: '79,7 % (Aug 2021)',
    reading: r('2021-08', 79.7),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-08', 79.7, 1, 'ready-made', '499 persons in a flex-job; the denominator is not printed'),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 7b',
    printed: '2,3 % vs 3,0 % (Sep 2021): exactly -0,7',
    reading: r('2021-09', 2.3, { benchmarks: { national: 3.0 } }),
    asOf: '2021-09',
    expected: 'met',
    check: own('2021-09', 2.3, 1, 'ready-made', 'a share of the labour force, published ready-made', national(3.0)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'Resultatmål 7c',
    printed: '32,0 % vs 55,3 % (Aug 2021)',
    reading: r('2021-08', 32.0, { benchmarks: { national: 55.3 } }),
    asOf: '2021-09',
    expected: 'breached',
    check: own('2021-08', 32.0, 1, 'ready-made', '171 persons; the denominator is not printed', national(55.3)),
  },
  {
    plan: 'frederikssund-2022',
    goal: 'BP21',
    printed: '216 of 450 companies by 30 Sep 2021',
    reading: r('2021-09', 216, { cumulative: 216 }),
    asOf: '2021-09',
    expected: 'at_risk',
    check: own(
      '2021-09',
      216,
      0,
      'ready-made',
      '216 companies by 30 September 2021: one year-to-date figure, the seed prints no monthly split',
    ),
  },
  // København 2022 (002).
  { plan: 'koebenhavn-2022', goal: 'KBH-1', printed: 'none', reading: r('2021-09', null), asOf: '2021-12', expected: 'no_data' },
  {
    plan: 'koebenhavn-2022',
    goal: 'KBH-2',
    printed: 'no peer figure (the peer group is not defined)',
    reading: r('2021-09', 9.0),
    asOf: '2021-12',
    expected: 'no_data',
  },
  {
    plan: 'koebenhavn-2022',
    goal: 'KBH-3',
    printed: '869 flex-job employees (Sep 2021) = 102 %',
    reading: r('2021-09', 869),
    asOf: '2021-12',
    expected: 'met',
    check: own('2021-09', 869, 0, 'ready-made'),
  },
  {
    plan: 'koebenhavn-2022',
    goal: 'KBH-4',
    printed: '39 % (Q2 2021)',
    reading: r('2021-06', 39),
    asOf: '2021-12',
    expected: 'breached',
    check: own('2021Q2', 39, 0, 'ready-made'),
  },
  // Dragør 2022-2023 (004): ministry benchmark Jul 2020-Jun 2021, actual 620 vs expected 520 FTP, so the fokusmål apply.
  {
    plan: 'dragoer-2022-2023',
    goal: 'DR-1.1',
    printed: 'no 2021 baseline printed',
    reading: r('2022-01', 620, { baselineValue: null }),
    asOf: '2022-01',
    expected: 'no_data',
  },
  {
    plan: 'dragoer-2022-2023',
    goal: 'DR-3.2',
    printed: '"over de 80 %" compliant (undated): under 20 % not compliant',
    reading: r('2021-06', 19.9, { actualVsExpected: { actual: 620, expected: 520 } }),
    asOf: '2022-01',
    expected: 'met',
    check: bound('2021QMAT02', 'the seed gives a bound ("over de 80 %" compliant, undated), not a figure'),
  },
  {
    plan: 'dragoer-2022-2023',
    goal: 'FM2',
    printed: '"over de 80 %" compliant (undated)',
    reading: r('2021-06', 19.9, { actualVsExpected: { actual: 620, expected: 520 } }),
    asOf: '2022-01',
    expected: 'met',
    check: bound('2021QMAT02', 'the seed gives a bound ("over de 80 %" compliant, undated), not a figure'),
  },
];
