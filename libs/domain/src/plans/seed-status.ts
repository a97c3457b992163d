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
}

const r = (period: string, value: number | null, extra: Partial<GoalReading> = {}): GoalReading => ({ period, value, ...extra });

/**
 * The seeds' own status figures for every goal that has them (shared/domain/goal-catalog.md,
 * section b), and the state they imply. Goals without printed figures are listed with no value,
 * so the table of all goals and their states can be produced from the plans alone.
 */
export const SEED_STATUS: readonly SeedStatus[] = [
  // Frederiksberg 2022 (000): July 2021; cluster averages derived as value ∓ the printed offset.
  { plan: 'frederiksberg-2022', goal: 'Mål A', printed: '11,2 % (7.884 FTP), 1,3 pp below the cluster', reading: r('2021-07', (100 * 7884) / 70400, { benchmarks: { cluster: 12.5 } }), asOf: '2021-12', expected: 'met' },
  { plan: 'frederiksberg-2022', goal: 'Mål B', printed: '36,3 % (June 2021), 0,6 pp above the cluster', reading: r('2021-06', 36.3, { benchmarks: { cluster: 35.7 } }), asOf: '2021-12', expected: 'breached' },
  { plan: 'frederiksberg-2022', goal: 'Mål C', printed: '1,6 % (1.154 FTP), 0,5 pp below the cluster', reading: r('2021-07', (100 * 1154) / 70400, { benchmarks: { cluster: 2.1 } }), asOf: '2021-12', expected: 'met' },
  { plan: 'frederiksberg-2022', goal: 'Mål D', printed: '3,0 % (2.113 FTP), 0,1 pp above the cluster: "tæt på at opfylde"', reading: r('2021-07', (100 * 2113) / 70400, { benchmarks: { cluster: 2.9 } }), asOf: '2021-12', expected: 'breached' },
  { plan: 'frederiksberg-2022', goal: 'Mål E', printed: 'status paragraph missing; Bilag 1 gives 1.323 FTP (printed 1.328) = 1,9 %, no cluster figure', reading: r('2021-07', (100 * 1323) / 70400), asOf: '2021-12', expected: 'no_data' },
  { plan: 'frederiksberg-2022', goal: 'Mål F', printed: '17,3 % (109/629), 1,4 pp above the cluster: "opfylder ikke"', reading: r('2021-07', (100 * 109) / 629, { benchmarks: { cluster: 15.9 } }), asOf: '2021-12', expected: 'breached' },
  { plan: 'frederiksberg-2022', goal: 'Mål G', printed: '0,4 % (300 FTP; printed 309), "på niveau med" the cluster', reading: r('2021-07', (100 * 300) / 70400, { benchmarks: { cluster: 0.4 } }), asOf: '2021-12', expected: 'breached' },
  { plan: 'frederiksberg-2022', goal: 'Mål H', printed: '38,3 % (18/47), 13,2 pp below the cluster', reading: r('2021-07', (100 * 18) / 47, { benchmarks: { cluster: 51.5 } }), asOf: '2021-12', expected: 'breached' },
  { plan: 'frederiksberg-2022', goal: 'Mål H′', printed: 'no rank printed', reading: r('2021-07', (100 * 18) / 47), asOf: '2021-12', expected: 'no_data' },
  { plan: 'frederiksberg-2022', goal: 'UGV-3', printed: 'none', reading: r('2021-07', null), asOf: '2021-12', expected: 'no_data' },
  // Frederiksberg, Vækst og jobskabelse 2021-2024 (003): Appendix A, Indsats 15, as of November 2020.
  { plan: 'frederiksberg-vaekst-2021-2024', goal: 'VJ-4', printed: '2 inspiration meetings held in 2019 (1-2 more expected in 2020)', reading: r('2019', 2), asOf: '2020-11', expected: 'met' },
  // Frederikssund 2022 (001): Jun-Sep 2021, national averages as printed.
  { plan: 'frederikssund-2022', goal: 'Resultatmål 1a', printed: '88,2 % (Jul 2021)', reading: r('2021-04', 88.2), asOf: '2021-09', expected: 'met' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 1b', printed: '79,9 % vs 81,4 % (Q1 2021)', reading: r('2021-03', 79.9, { benchmarks: { national: 81.4 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 1c', printed: '46,4 % vs 40,9 % (Q1 2021)', reading: r('2021-03', 46.4, { benchmarks: { national: 40.9 } }), asOf: '2021-09', expected: 'met' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 2a', printed: '3,6 % vs 5,2 % (Aug 2021)', reading: r('2021-08', 3.6, { benchmarks: { national: 5.2 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 2b', printed: '0,4 % vs 0,5 % (Jul 2021)', reading: r('2021-07', 0.4, { benchmarks: { national: 0.5 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 3a', printed: '3,0 % vs 2,4 % (Jul 2021): gap 0,6', reading: r('2021-07', 3.0, { benchmarks: { national: 2.4 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 3b', printed: '12,8 % vs 14,5 % (Jul 2021)', reading: r('2021-07', 12.8, { benchmarks: { national: 14.5 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 3c', printed: '66,1 % (Jul 2021)', reading: r('2021-01', 66.1), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 4a', printed: '0,0 % (0 of 10) vs 20,2 % (Q2 2021)', reading: r('2021-06', 0, { benchmarks: { national: 20.2 } }), asOf: '2021-09', expected: 'met' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 4b', printed: '80,5 % (Jul 2021)', reading: r('2021-01', 80.5), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 4c', printed: '69,9 % (Jul 2021)', reading: r('2021-01', 69.9), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 4d', printed: 'none (surveys planned for 2022)', reading: r('2021-09', null), asOf: '2021-09', expected: 'no_data' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 5a', printed: '0,6 % vs 0,8 % (Aug 2021): exactly -0,2', reading: r('2021-08', 0.6, { benchmarks: { national: 0.8 } }), asOf: '2021-09', expected: 'met' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 5b', printed: '7,3 % vs 11,4 % (Aug 2021)', reading: r('2021-08', 7.3, { benchmarks: { national: 11.4 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 5c', printed: '36,8 % (Jun 2021)', reading: r('2021-06', 36.8), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 6a', printed: '90 % satisfied with the service (Dec 2020 survey)', reading: r('2020-12', 90), asOf: '2021-09', expected: 'met' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 6c', printed: '6,3 % vs 7,9 % (Jul 2021)', reading: r('2021-07', 6.3, { benchmarks: { national: 7.9 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 7a', printed: '79,7 % (Aug 2021)', reading: r('2021-08', 79.7), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 7b', printed: '2,3 % vs 3,0 % (Sep 2021): exactly -0,7', reading: r('2021-09', 2.3, { benchmarks: { national: 3.0 } }), asOf: '2021-09', expected: 'met' },
  { plan: 'frederikssund-2022', goal: 'Resultatmål 7c', printed: '32,0 % vs 55,3 % (Aug 2021)', reading: r('2021-08', 32.0, { benchmarks: { national: 55.3 } }), asOf: '2021-09', expected: 'breached' },
  { plan: 'frederikssund-2022', goal: 'BP21', printed: '216 of 450 companies by 30 Sep 2021', reading: r('2021-09', 216, { cumulative: 216 }), asOf: '2021-09', expected: 'at_risk' },
  // København 2022 (002).
  { plan: 'koebenhavn-2022', goal: 'KBH-1', printed: 'none', reading: r('2021-09', null), asOf: '2021-12', expected: 'no_data' },
  { plan: 'koebenhavn-2022', goal: 'KBH-2', printed: 'no peer figure (the peer group is not defined)', reading: r('2021-09', 9.0), asOf: '2021-12', expected: 'no_data' },
  { plan: 'koebenhavn-2022', goal: 'KBH-3', printed: '869 flex-job employees (Sep 2021) = 102 %', reading: r('2021-09', 869), asOf: '2021-12', expected: 'met' },
  { plan: 'koebenhavn-2022', goal: 'KBH-4', printed: '39 % (Q2 2021)', reading: r('2021-06', 39), asOf: '2021-12', expected: 'breached' },
  // Dragør 2022-2023 (004): ministry benchmark Jul 2020-Jun 2021, actual 620 vs expected 520 FTP, so the fokusmål apply.
  { plan: 'dragoer-2022-2023', goal: 'DR-1.1', printed: 'no 2021 baseline printed', reading: r('2022-01', 620, { baselineValue: null }), asOf: '2022-01', expected: 'no_data' },
  { plan: 'dragoer-2022-2023', goal: 'DR-3.2', printed: '"over de 80 %" compliant (undated): under 20 % not compliant', reading: r('2021-06', 19.9, { actualVsExpected: { actual: 620, expected: 520 } }), asOf: '2022-01', expected: 'met' },
  { plan: 'dragoer-2022-2023', goal: 'FM2', printed: '"over de 80 %" compliant (undated)', reading: r('2021-06', 19.9, { actualVsExpected: { actual: 620, expected: 520 } }), asOf: '2022-01', expected: 'met' },
];
