import fc from 'fast-check';
import { GoalSpec } from './rules';
import { earlierFrom, firstAffectedPeriod, judgeTimeline, TimelineInput, TimelinePoint } from './timeline';

const labels = { indicatorDa: 'Varighed', indicatorEn: 'Duration', unit: 'count' as const };
const context = { asOf: '2023-12' };
const month = (index: number) => `${2020 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const point = (period: string, value: number, cluster: number | null = null): TimelinePoint => ({
  period,
  value,
  benchmarks: { national: null, cluster },
  rank: { country: null, cluster: null },
});
const input = (points: TimelinePoint[], spec: GoalSpec, hysteresis = 1, extra: Partial<TimelineInput> = {}): TimelineInput => ({
  points,
  specFor: () => ({ spec, hysteresis }),
  labels,
  context,
  from: null,
  ...extra,
});

const change: GoalSpec = {
  rule: { kind: 'change_by_deadline', baselinePeriod: '2021-12', comparator: 'lte', change: -1, deadline: '2023-12' },
  direction: 'lower_is_better',
};
const threshold: GoalSpec = {
  rule: { kind: 'threshold', comparator: 'lte', target: 10 },
  direction: 'lower_is_better',
  horizon: '2021-12',
};
const cluster: GoalSpec = {
  rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
  direction: 'lower_is_better',
};

describe('judgeTimeline', () => {
  it('judges a period before its baseline once the baseline is there (Dragør DR-2.1, November 2021)', () => {
    const november = point('2021-11', 20);
    expect(judgeTimeline(input([november], change)).evaluations[0]).toMatchObject({ state: 'no_data', reason: 'no_baseline' });
    const judged = judgeTimeline(input([point('2021-12', 19), november], change)).evaluations;
    expect(judged.map((evaluation) => [evaluation.period, evaluation.state, evaluation.measured])).toEqual([
      ['2021-11', 'at_risk', 1],
      ['2021-12', 'met', 0],
    ]);
  });

  it('gives the same judgements whatever order the readings come in', () => {
    const points = Array.from({ length: 24 }, (_, index) => point(month(index), 8 + (index % 5) * 0.7, 9));
    const inOrder = judgeTimeline(input(points, threshold, 2));
    expect(judgeTimeline(input([...points].reverse(), threshold, 2))).toEqual(inOrder);
  });

  it('moves the stable state only after `hysteresis` agreeing periods, and derives the transitions along the timeline', () => {
    const points = [point('2021-01', 1, 2), point('2021-02', 3, 2), point('2021-03', 3, 2), point('2021-04', 1, 2)];
    const judged = judgeTimeline(input(points, cluster, 2));
    expect(judged.evaluations.map((evaluation) => [evaluation.rawState, evaluation.state])).toEqual([
      ['met', 'met'],
      ['breached', 'met'],
      ['breached', 'breached'],
      ['met', 'breached'],
    ]);
    expect(judged.transitions).toEqual([{ period: '2021-03', from: 'met', to: 'breached', kind: 'breach' }]);
    expect(judged.lastJudged).toBe('breached');
  });

  it('reads the newest ministry benchmark pair up to each period for conditional goals', () => {
    const conditional: GoalSpec = { ...threshold, horizon: undefined, applicability: { kind: 'actual_above_expected' } };
    const judged = judgeTimeline(
      input([point('2021-05', 5), point('2021-07', 5)], conditional, 1, {
        ministry: [{ period: '2021QMAT02', actual: 620, expected: 520 }],
      }),
    ).evaluations;
    expect(judged.map((evaluation) => [evaluation.period, evaluation.state, evaluation.reason])).toEqual([
      ['2021-05', 'no_data', 'applicability_unknown'],
      ['2021-07', 'met', 'compared'],
    ]);
  });

  it('sums the running total along the timeline', () => {
    const cumulative: GoalSpec = {
      rule: { kind: 'cumulative_by_deadline', from: '2021-01', target: 100, deadline: '2021-04' },
      direction: 'higher_is_better',
    };
    const judged = judgeTimeline(input([point('2021-02', 30), point('2021-01', 30)], cumulative)).evaluations;
    expect(judged.map((evaluation) => evaluation.measured)).toEqual([30, 60]);
  });

  it('re-judging from a period with the stored earlier judgements equals judging the whole timeline (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: 0, max: 20 }), cluster: fc.option(fc.integer({ min: 0, max: 20 })) }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.constantFrom(threshold, cluster, change),
        (values, hysteresis, cut, spec) => {
          const points = values.map(({ value, cluster: peers }, index) => point(month(index), value, peers));
          const whole = judgeTimeline(input(points, spec, hysteresis));
          const from = points[cut % points.length].period;
          const prior = whole.evaluations.filter((evaluation) => evaluation.period < from);
          const partial = judgeTimeline(input(points, spec, hysteresis, { from, prior }));
          expect(partial.evaluations).toEqual(whole.evaluations.filter((evaluation) => evaluation.period >= from));
          expect(partial.transitions).toEqual(whole.transitions.filter((transition) => transition.period >= from));
          expect(partial.lastJudged).toBe(whole.lastJudged);
        },
      ),
    );
  });

  it('judges each period by the goal version in force for it', () => {
    const stricter: GoalSpec = { ...threshold, horizon: undefined, rule: { kind: 'threshold', comparator: 'lte', target: 4 } };
    const judged = judgeTimeline({
      ...input([point('2021-01', 5), point('2021-02', 5)], threshold),
      specFor: (period) => ({ spec: period >= '2021-02' ? stricter : { ...threshold, horizon: undefined }, hysteresis: 1 }),
    }).evaluations;
    expect(judged.map((evaluation) => evaluation.state)).toEqual(['met', 'breached']);
  });
});

describe('what a late figure affects', () => {
  it('is its own period on, or the whole timeline for a change goal’s baseline period', () => {
    expect(firstAffectedPeriod(['2021-11', '2021-03'], [])).toBe('2021-03');
    expect(firstAffectedPeriod(['2022-03', '2021-12'], ['2021-12'])).toBeNull();
    expect(earlierFrom(undefined, '2021-05')).toBe('2021-05');
    expect(earlierFrom('2021-04', '2021-05')).toBe('2021-04');
    expect(earlierFrom('2021-04', null)).toBeNull();
  });
});
