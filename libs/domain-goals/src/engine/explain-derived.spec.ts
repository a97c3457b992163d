import { deriveIndicator, DerivedIndicatorDefinition, findIndicator } from '@pejling/domain-indicators';
import { evaluateRule } from './evaluate';
import { explainResult, explanationLabels } from './explain';
import { GoalSpec } from './rules';

const labelsOf = (id: string) => explanationLabels(findIndicator(id) as DerivedIndicatorDefinition);
const explain = (spec: GoalSpec, period: string, value: number, labels: ReturnType<typeof labelsOf>, national?: number) => {
  const reading = { period, value, benchmarks: { national: national ?? null } };
  return explainResult(spec, reading, evaluateRule(spec, reading, { asOf: period }), labels);
};

describe('explanations of goals on derived indicators', () => {
  it('a fall in a share over 12 months, in percentage points', () => {
    const spec: GoalSpec = { rule: { kind: 'threshold', comparator: 'lte', target: 0 }, direction: 'lower_is_better' };
    expect(explain(spec, '2021-07', -0.3, labelsOf('share.sygedagpenge-mv.change-12m'))).toEqual({
      da: 'Ændringen i andelen på sygedagpenge mv. over 12 måneder var -0,3 pct.-point i juli 2021 mod målet ≤ 0,0 pct.-point: 0,3 pct.-point under målet. Målet er opfyldt.',
      en: 'The 12-month change in the share on sickness benefit etc. was -0.3 percentage points in July 2021 against the target ≤ 0.0 percentage points: 0.3 percentage points below the target. The goal is met.',
    });
  });

  it('a change against the change of the national share', () => {
    const spec: GoalSpec = {
      rule: { kind: 'benchmark', benchmark: 'national', comparator: 'lte', offsetPp: 0 },
      direction: 'lower_is_better',
    };
    expect(explain(spec, '2021-06', -0.2, labelsOf('share.alle-ydelser.change-12m'), -0.3).da).toBe(
      'Ændringen i andelen på alle ydelser over 12 måneder var -0,2 pct.-point i juni 2021 mod landsgennemsnittet på -0,3 pct.-point: 0,1 pct.-point over. Målet er ikke opfyldt.',
    );
  });

  it('a rolling mean of a plan-declared count (Dragør DR-4.2: 50 new job orders a month on average)', () => {
    const orders = deriveIndicator(
      { id: 'count.nye-jobordrer', labelDa: 'Nye jobordrer pr. måned', labelEn: 'New job orders per month', unit: 'count', share: false },
      'mean-12m',
    );
    const spec: GoalSpec = { rule: { kind: 'threshold', comparator: 'gte', target: 50 }, direction: 'higher_is_better' };
    expect(explain(spec, '2022-12', 46, explanationLabels(orders))).toEqual({
      da: '12-måneders gennemsnittet af nye jobordrer pr. måned var 46 i december 2022 mod målet ≥ 50: 4 under målet. Målet er ikke opfyldt.',
      en: 'The 12-month mean of new job orders per month was 46 in December 2022 against the target ≥ 50: 4 below the target. The goal is not met.',
    });
  });

  it('a rolling mean of a share keeps percent', () => {
    const spec: GoalSpec = { rule: { kind: 'threshold', comparator: 'lte', target: 1.8 }, direction: 'lower_is_better' };
    expect(explain(spec, '2021-07', 1.7, labelsOf('share.sygedagpenge-mv.mean-12m')).da).toBe(
      '12-måneders gennemsnittet af andelen på sygedagpenge mv. var 1,7 % i juli 2021 mod målet ≤ 1,8 %: 0,1 pct.-point under målet. Målet er opfyldt.',
    );
  });
});
