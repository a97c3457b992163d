import { ClusterBasis, NationalBasis } from '@pejling/domain-indicators';
import { evaluateRule, EvaluationContext } from './evaluate';
import { explainResult } from './explain';
import { GoalReading, GoalSpec } from './rules';

const ctx: EvaluationContext = { asOf: '2021-09' };
const belowNational: GoalSpec = {
  rule: { kind: 'benchmark', benchmark: 'national', comparator: 'lt', offsetPp: 0 },
  direction: 'lower_is_better',
};
const belowCluster: GoalSpec = {
  rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
  direction: 'lower_is_better',
};
const labels = { indicatorDa: 'sygedagpenge mv.', indicatorEn: 'sickness benefit', unit: 'percent' as const };
const computed = (municipalities: number): NationalBasis => ({ source: 'municipalities', municipalities, of: 98 });
const official: NationalBasis = { source: 'official', municipalities: 12, of: 98 };
const reading = (national: NationalBasis | undefined, cluster?: ClusterBasis): GoalReading => ({
  period: '2021-07',
  value: 1.7,
  benchmarks: { national: 1.9, cluster: 1.6 },
  basis: { national, ...(cluster ? { cluster } : {}) },
});

describe('goals against the national average and its coverage', () => {
  it('does not judge against an average of 12 of 98 municipalities, and says why', () => {
    const partial = reading(computed(12));
    const outcome = evaluateRule(belowNational, partial, ctx);
    expect(outcome).toMatchObject({ state: 'no_data', reason: 'national_incomplete', measured: null });
    expect(explainResult(belowNational, partial, outcome, labels)).toEqual({
      da: 'Der er kun tal for 12 af 98 kommuner; landsgennemsnittet kan ikke beregnes.',
      en: 'There are figures for only 12 of 98 municipalities; the national average cannot be computed.',
    });
  });

  it('judges against a complete average (98 of 98) and calls it the national average', () => {
    const complete = reading(computed(98));
    const outcome = evaluateRule(belowNational, complete, ctx);
    expect(outcome).toMatchObject({ state: 'met', reason: 'compared', benchmark: 1.9 });
    const text = explainResult(belowNational, complete, outcome, labels);
    expect(text.da).toBe(
      'Andelen på sygedagpenge mv. var 1,7 % i juli 2021 mod landsgennemsnittet på 1,9 %: 0,2 pct.-point under. Målet er opfyldt.',
    );
    expect(text.en).toBe(
      'The share of people on sickness benefit was 1.7 % in July 2021 against the national average of 1.9 %: 0.2 percentage points below. The goal is met.',
    );
  });

  it("always judges against the country's official figure, whatever the municipalities' coverage", () => {
    expect(evaluateRule(belowNational, reading(official), { ...ctx, nationalCoverageMin: 98 })).toMatchObject({
      state: 'met',
      reason: 'compared',
    });
  });

  it('takes the coverage threshold from the context, and names a partial average by its coverage', () => {
    const partial = reading(computed(90));
    expect(evaluateRule(belowNational, partial, ctx).reason).toBe('national_incomplete');
    const outcome = evaluateRule(belowNational, partial, { ...ctx, nationalCoverageMin: 90 });
    expect(outcome).toMatchObject({ state: 'met', reason: 'compared' });
    const text = explainResult(belowNational, partial, outcome, labels);
    expect(text.da).toContain('mod gennemsnittet af 90 af 98 kommuner på 1,9 %');
    expect(text.da).not.toContain('landsgennemsnit');
    expect(text.en).toContain('against the average of 90 of 98 municipalities, 1.9 %');
  });

  it('judges a reading without a basis (an older event) as before', () => {
    expect(evaluateRule(belowNational, { period: '2021-07', value: 1.7, benchmarks: { national: 1.9 } }, ctx).state).toBe('met');
  });

  it('does not hold cluster goals to the national coverage', () => {
    expect(evaluateRule(belowCluster, reading(computed(1)), ctx)).toMatchObject({ state: 'breached', reason: 'compared' });
  });

  it('names the cluster coverage when members lack data', () => {
    const partial = reading(computed(98), {
      source: 'plan',
      planId: 'frederiksberg-2022',
      planVersion: 1,
      effectiveFrom: '2015-01',
      members: 4,
      withData: 3,
    });
    const outcome = evaluateRule(belowCluster, partial, ctx);
    const text = explainResult(belowCluster, partial, outcome, labels);
    expect(text.da).toContain('mod klyngens gennemsnit (3 af 4 kommuner) på 1,6 %');
    expect(text.en).toContain('against the cluster average (3 of 4 municipalities) of 1.6 %');
    const full = reading(computed(98), { source: 'api', effectiveFrom: null, members: 4, withData: 4 });
    expect(explainResult(belowCluster, full, evaluateRule(belowCluster, full, ctx), labels).da).toContain(
      'mod klyngens gennemsnit på 1,6 %',
    );
  });
});
