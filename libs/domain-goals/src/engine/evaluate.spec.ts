import { evaluateRule, EvaluationContext } from './evaluate';
import { explainResult } from './explain';
import { latestDuePeriod } from '@pejling/domain-kernel';
import { GoalReading, GoalSpec } from './rules';

const ctx: EvaluationContext = { asOf: '2021-09' };
const lower = (rule: GoalSpec['rule'], extra: Partial<GoalSpec> = {}): GoalSpec => ({ rule, direction: 'lower_is_better', ...extra });
const higher = (rule: GoalSpec['rule'], extra: Partial<GoalSpec> = {}): GoalSpec => ({ rule, direction: 'higher_is_better', ...extra });
const belowCluster = lower({ kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 });
const pct = (labelDa: string, labelEn = labelDa) => ({ indicatorDa: labelDa, indicatorEn: labelEn, unit: 'percent' as const });

/** Golden cases: the seeds' own status statements, reproduced from their figures. */
describe('goal engine on the seeds (golden)', () => {
  it('Frederiksberg Mål D: a-dagpenge 3,0 % (2.113 of ≈70.400) vs cluster 2,9 %: 0,1 pct.-point above, not met', () => {
    const reading: GoalReading = { period: '2021-07', value: (100 * 2113) / 70400, benchmarks: { cluster: 2.9 } };
    const outcome = evaluateRule(belowCluster, reading, ctx);
    expect(outcome).toMatchObject({ state: 'breached', reason: 'compared', benchmark: 2.9 });
    expect(outcome.measured).toBeCloseTo(0.1, 1);
    expect(explainResult(belowCluster, reading, outcome, pct('a-dagpenge')).da).toBe(
      'Andelen på a-dagpenge var 3,0 % i juli 2021 mod klyngens gennemsnit på 2,9 %: 0,1 pct.-point over. Målet er ikke opfyldt.',
    );
  });

  it('Frederiksberg Mål A: alle ydelser 11,2 % vs cluster ≈12,5 %: met', () => {
    const outcome = evaluateRule(belowCluster, { period: '2021-07', value: (100 * 7884) / 70400, benchmarks: { cluster: 12.5 } }, ctx);
    expect(outcome.state).toBe('met');
  });

  it('Frederiksberg Mål F: fleksjobledighed 109/629 = 17,3 % vs cluster ≈15,9 %: not met', () => {
    expect(evaluateRule(belowCluster, { period: '2021-07', value: (100 * 109) / 629, benchmarks: { cluster: 15.9 } }, ctx).state).toBe(
      'breached',
    );
  });

  it('Frederiksberg Mål G: "på niveau med" the cluster is not better than it: not met (the seed prints 309 FTP; the parts sum to 300)', () => {
    expect(evaluateRule(belowCluster, { period: '2021-07', value: 0.4, benchmarks: { cluster: 0.4 } }, ctx).state).toBe('breached');
  });

  it('Frederiksberg Mål H (higher is better) and H′ (best in the cluster): 38,3 % vs ≈51,5 %, not met either way', () => {
    const aboveCluster = higher({ kind: 'benchmark', benchmark: 'cluster', comparator: 'gt', offsetPp: 0 });
    expect(evaluateRule(aboveCluster, { period: '2021-07', value: (100 * 18) / 47, benchmarks: { cluster: 51.5 } }, ctx).state).toBe(
      'breached',
    );
    expect(
      evaluateRule(higher({ kind: 'rank', within: 'cluster', maxRank: 1 }), { period: '2021-07', value: 38.3, rank: { cluster: 4 } }, ctx)
        .state,
    ).toBe('breached');
  });

  it('Frederikssund 3a: the gap to the national sickness-benefit share must be below 0,5: 3,0 vs 2,4 is 0,6, not met', () => {
    const spec = lower({ kind: 'benchmark', benchmark: 'national', comparator: 'lt', offsetPp: 0.5 });
    const outcome = evaluateRule(spec, { period: '2021-07', value: 3.0, benchmarks: { national: 2.4 } }, ctx);
    expect(outcome.state).toBe('breached');
    expect(outcome.gap).toBeCloseTo(0.1, 6);
  });

  it('Frederikssund 5a and 7b sit exactly on their offsets and are met (≤ −0,2 and ≤ −0,7 pp)', () => {
    const spec = (offset: number) => lower({ kind: 'benchmark', benchmark: 'national', comparator: 'lte', offsetPp: offset });
    expect(evaluateRule(spec(-0.2), { period: '2021-08', value: 0.6, benchmarks: { national: 0.8 } }, ctx).state).toBe('met');
    expect(evaluateRule(spec(-0.7), { period: '2021-09', value: 2.3, benchmarks: { national: 3.0 } }, ctx).state).toBe('met');
  });

  it('judges on the printed precision when the goal asks for it (2,33 % is printed 2,3 %)', () => {
    const exact = lower({ kind: 'benchmark', benchmark: 'national', comparator: 'lte', offsetPp: -0.7 });
    const printed = { ...exact, precision: 1 };
    const reading = { period: '2021-09', value: 2.33, benchmarks: { national: 3.0 } };
    expect(evaluateRule(exact, reading, ctx).state).toBe('breached');
    expect(evaluateRule(printed, reading, ctx).state).toBe('met');
  });

  it('Frederikssund 1a: ≥ 85 % get 3 meetings in the first 3 months: 88,2 % met once the cohort has matured, pending before', () => {
    const spec = higher({ kind: 'cohort', comparator: 'gte', target: 85, maturityMonths: 3 });
    expect(evaluateRule(spec, { period: '2021-04', value: 88.2 }, { asOf: '2021-07' }).state).toBe('met');
    const pending = evaluateRule(spec, { period: '2021-06', value: 60 }, { asOf: '2021-07' });
    expect(pending).toMatchObject({ state: 'pending', reason: 'cohort_not_mature' });
    expect(explainResult(spec, { period: '2021-06', value: 60 }, pending, pct('3 samtaler')).en).toBe(
      'The June 2021 cohort has not matured yet; 60.0 % so far. It is judged once it matures.',
    );
  });

  it('Frederikssund BP21: 450 companies by year end, 216 by 30 September is behind pace (48 % at 75 % of the year): at risk', () => {
    const spec = higher({ kind: 'cumulative_by_deadline', from: '2021-01', target: 450, deadline: '2021-12' });
    const reading = { period: '2021-09', value: 216, cumulative: 216 };
    const outcome = evaluateRule(spec, reading, ctx);
    expect(outcome).toMatchObject({ state: 'at_risk', reason: 'off_pace', measured: 216, required: 337.5 });
    expect(
      explainResult(spec, reading, outcome, { indicatorDa: 'Kontaktede virksomheder', indicatorEn: 'Companies contacted', unit: 'count' })
        .da,
    ).toBe(
      'Kontaktede virksomheder: 216 i alt til og med september 2021 mod målet 450 senest december 2021 (tempo-krav nu: 338). Målet er i risiko for ikke at blive nået.',
    );
    expect(evaluateRule(spec, { period: '2021-12', value: 440, cumulative: 440 }, ctx).state).toBe('breached');
    expect(evaluateRule(spec, { period: '2021-11', value: 451, cumulative: 451 }, ctx).state).toBe('met');
  });

  it('Dragør DR-1.1: 250 fewer full-time persons by end-2023 than in 2021 is judged on pace before the deadline', () => {
    const spec = lower({ kind: 'change_by_deadline', baselinePeriod: '2021-12', comparator: 'lte', change: -250, deadline: '2023-12' });
    expect(evaluateRule(spec, { period: '2022-12', value: 480, baselineValue: 620 }, ctx)).toMatchObject({
      state: 'met',
      reason: 'on_pace',
      measured: -140,
      required: -125,
    });
    expect(evaluateRule(spec, { period: '2022-12', value: 560, baselineValue: 620 }, ctx)).toMatchObject({
      state: 'at_risk',
      reason: 'off_pace',
    });
    expect(evaluateRule(spec, { period: '2023-12', value: 400, baselineValue: 620 }, ctx)).toMatchObject({
      state: 'breached',
      reason: 'deadline_passed',
    });
    expect(evaluateRule(spec, { period: '2023-06', value: 360, baselineValue: 620 }, ctx)).toMatchObject({
      state: 'met',
      reason: 'compared',
    });
    expect(evaluateRule(spec, { period: '2022-06', value: 500, baselineValue: null }, ctx).state).toBe('no_data');
  });

  it('STAR focus goals apply only where actual > expected (Dragør 2020-21: 620 actual vs 520 expected)', () => {
    const spec = lower({ kind: 'threshold', comparator: 'lt', target: 20 }, { applicability: { kind: 'actual_above_expected' } });
    expect(evaluateRule(spec, { period: '2021-06', value: 15, actualVsExpected: { actual: 620, expected: 520 } }, ctx).state).toBe('met');
    const notApplicable = evaluateRule(spec, { period: '2021-06', value: 35, actualVsExpected: { actual: 500, expected: 520 } }, ctx);
    expect(notApplicable.state).toBe('not_applicable');
    expect(explainResult(spec, { period: '2021-06', value: 35 }, notApplicable, pct('fokusmål 1')).da).toBe(
      'Målet gælder ikke: den faktiske værdi (500) er ikke over den forventede (520).',
    );
    expect(evaluateRule(spec, { period: '2021-06', value: 15 }, ctx).state).toBe('no_data');
  });
});

describe('goal engine states', () => {
  const threshold = lower({ kind: 'threshold', comparator: 'lte', target: 1.8 });

  it('is stale when the source should have published a newer period', () => {
    expect(evaluateRule(threshold, { period: '2021-05', value: 1.5 }, { asOf: '2021-09', latestDue: '2021-07' })).toMatchObject({
      state: 'stale',
    });
    expect(evaluateRule(threshold, { period: '2021-07', value: 1.5 }, { asOf: '2021-09', latestDue: '2021-07' }).state).toBe('met');
  });

  it('has no data without a value or without the benchmark it needs', () => {
    expect(evaluateRule(threshold, { period: '2021-07', value: null }, ctx).state).toBe('no_data');
    expect(evaluateRule(belowCluster, { period: '2021-07', value: 2, benchmarks: {} }, ctx)).toMatchObject({
      state: 'no_data',
      reason: 'no_benchmark',
    });
  });

  it("is at risk when a met goal's robust trend crosses the target before the horizon, despite one outlier month", () => {
    const spec = { ...threshold, horizon: '2021-12' };
    const history = [
      { period: '2021-01', value: 1.2 },
      { period: '2021-02', value: 1.3 },
      { period: '2021-03', value: 0.2 }, // outlier
      { period: '2021-04', value: 1.5 },
      { period: '2021-05', value: 1.6 },
    ];
    const outcome = evaluateRule(spec, { period: '2021-06', value: 1.7, history }, ctx);
    expect(outcome).toMatchObject({ state: 'at_risk', reason: 'trend_crosses_target' });
    expect(outcome.projection?.value).toBeCloseTo(2.3, 6);
    expect(explainResult(spec, { period: '2021-06', value: 1.7, history }, outcome, pct('Sygedagpenge mv.')).da).toBe(
      'Andelen på Sygedagpenge mv. var 1,7 % i juni 2021 mod målet ≤ 1,8 %: 0,1 pct.-point under målet. Udviklingen peger på 2,3 % i december 2021, hvilket ikke opfylder målet. Målet er i risiko for ikke at blive nået.',
    );
    const flat = history.map((point) => ({ ...point, value: 1.6 }));
    expect(evaluateRule(spec, { period: '2021-06', value: 1.6, history: flat }, ctx).state).toBe('met');
  });
});

describe('publication calendar', () => {
  it('expects a monthly Jobindsats series two months after the month, with one month of grace', () => {
    expect(latestDuePeriod('month', '2021-12', 2)).toBe('2021-09');
    expect(latestDuePeriod('quarter', '2021-12', 2)).toBe('2021-07');
    expect(latestDuePeriod('year', '2022-06', 2)).toBe('2021-04');
  });
});
