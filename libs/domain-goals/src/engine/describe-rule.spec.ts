import { describeRule } from './describe-rule';

describe('describeRule', () => {
  it.each([
    [{ kind: 'threshold', comparator: 'lte', target: 1.8 }, '≤ 1,8 %', '≤ 1.8 %'],
    [{ kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 }, 'under klyngens gennemsnit', 'below the cluster average'],
    [
      { kind: 'benchmark', benchmark: 'national', comparator: 'lte', offsetPp: -0.2 },
      'forskel til landsgennemsnittet ≤ -0,2 pct.-point',
      'difference to the national average ≤ -0.2 percentage points',
    ],
    [{ kind: 'rank', within: 'cluster', maxRank: 1 }, 'plads 1 eller bedre i klyngen', 'rank 1 or better in the cluster'],
    [
      { kind: 'change_by_deadline', baselinePeriod: '2021-12', comparator: 'lte', change: -250, deadline: '2023-12' },
      'ændring ≤ -250 fra december 2021 til december 2023',
      'change ≤ -250 from December 2021 to December 2023',
    ],
    [
      { kind: 'cumulative_by_deadline', from: '2021-01', target: 450, deadline: '2021-12' },
      '450 i alt senest december 2021',
      '450 in total by December 2021',
    ],
    [{ kind: 'cohort', comparator: 'gte', target: 85, maturityMonths: 3 }, '≥ 85,0 % efter 3 måneder', '≥ 85.0 % after 3 months'],
  ] as const)('%j', (rule, da, en) => {
    expect(describeRule(rule, 'da')).toBe(da);
    expect(describeRule(rule, 'en')).toBe(en);
  });

  it.each([
    [{ kind: 'threshold', comparator: 'gte', target: 2 }, '≥ 2', '≥ 2'],
    [{ kind: 'threshold', comparator: 'gte', target: 49.5 }, '≥ 49,5', '≥ 49.5'],
    [
      { kind: 'benchmark', benchmark: 'national', comparator: 'lte', offsetPp: -5 },
      'forskel til landsgennemsnittet ≤ -5',
      'difference to the national average ≤ -5',
    ],
    [{ kind: 'cohort', comparator: 'gte', target: 10, maturityMonths: 3 }, '≥ 10 efter 3 måneder', '≥ 10 after 3 months'],
  ] as const)('a count: %j has no % and no percentage points', (rule, da, en) => {
    expect(describeRule(rule, 'da', 'count')).toBe(da);
    expect(describeRule(rule, 'en', 'count')).toBe(en);
  });
});
