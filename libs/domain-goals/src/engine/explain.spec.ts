import { evaluateRule, EvaluationContext } from './evaluate';
import { explainResult, ExplanationLabels } from './explain';
import { GoalReading, GoalSpec } from './rules';
import { lowerFirst, subjectPhrase } from './subject';

const ctx: EvaluationContext = { asOf: '2022-12' };
const explain = (spec: GoalSpec, reading: GoalReading, labels: ExplanationLabels) =>
  explainResult(spec, reading, evaluateRule(spec, reading, ctx), labels);

const sickness: ExplanationLabels = { indicatorDa: 'Sygedagpenge mv.', indicatorEn: 'Sickness benefit etc.', unit: 'percent' };
const meetings: ExplanationLabels = {
  indicatorDa: 'Inspirationsmøder om vækst og jobskabelse',
  indicatorEn: 'Inspiration meetings on growth and job creation',
  unit: 'count',
};
const flexJobs: ExplanationLabels = {
  indicatorDa: 'Fleksjobansatte i Københavns Kommune',
  indicatorEn: 'Flex-job employees of the municipality',
  unit: 'count',
};

describe('explanations: the subject fits the measure', () => {
  it('a share of the population keeps "Andelen på …" and reads "The share of people on …" in English', () => {
    const spec: GoalSpec = { rule: { kind: 'threshold', comparator: 'lte', target: 1.8 }, direction: 'lower_is_better' };
    expect(explain(spec, { period: '2021-07', value: (100 * 1323) / 70400 }, sickness)).toEqual({
      da: 'Andelen på Sygedagpenge mv. var 1,9 % i juli 2021 mod målet ≤ 1,8 %: 0,1 pct.-point over målet. Målet er ikke opfyldt.',
      en: 'The share of people on sickness benefit etc. was 1.9 % in July 2021 against the target ≤ 1.8 %: 0.1 percentage points above the target. The goal is not met.',
    });
  });

  it('a share against the cluster, in both languages', () => {
    const spec: GoalSpec = {
      rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
      direction: 'lower_is_better',
    };
    const labels: ExplanationLabels = { indicatorDa: 'A-dagpenge', indicatorEn: 'Unemployment insurance benefit', unit: 'percent' };
    expect(explain(spec, { period: '2021-07', value: 3.0, benchmarks: { cluster: 2.9 } }, labels)).toEqual({
      da: 'Andelen på A-dagpenge var 3,0 % i juli 2021 mod klyngens gennemsnit på 2,9 %: 0,1 pct.-point over. Målet er ikke opfyldt.',
      en: 'The share of people on unemployment insurance benefit was 3.0 % in July 2021 against the cluster average of 2.9 %: 0.1 percentage points above. The goal is not met.',
    });
  });

  it('a count says "Antal …" / "The number of …", with whole numbers and no percentage points', () => {
    const spec: GoalSpec = { rule: { kind: 'threshold', comparator: 'gte', target: 2 }, direction: 'higher_is_better' };
    expect(explain(spec, { period: '2021', value: 1 }, meetings)).toEqual({
      da: 'Antal inspirationsmøder om vækst og jobskabelse var 1 i 2021 mod målet ≥ 2: 1 under målet. Målet er ikke opfyldt.',
      en: 'The number of inspiration meetings on growth and job creation was 1 in 2021 against the target ≥ 2: 1 below the target. The goal is not met.',
    });
    const kbh3: GoalSpec = { rule: { kind: 'threshold', comparator: 'gte', target: 850 }, direction: 'higher_is_better' };
    expect(explain(kbh3, { period: '2021-09', value: 869 }, flexJobs)).toEqual({
      da: 'Antal fleksjobansatte i Københavns Kommune var 869 i september 2021 mod målet ≥ 850: 19 over målet. Målet er opfyldt.',
      en: 'The number of flex-job employees of the municipality was 869 in September 2021 against the target ≥ 850: 19 above the target. The goal is met.',
    });
  });

  it('a count against a benchmark states the difference as a number, not in percentage points', () => {
    const spec: GoalSpec = {
      rule: { kind: 'benchmark', benchmark: 'national', comparator: 'gte', offsetPp: 0 },
      direction: 'higher_is_better',
    };
    const text = explain(spec, { period: '2021', value: 3, benchmarks: { national: 2 } }, meetings);
    expect(text.da).toBe(
      'Antal inspirationsmøder om vækst og jobskabelse var 3 i 2021 mod landsgennemsnittet på 2: 1 over. Målet er opfyldt.',
    );
    expect(text.en).toBe(
      'The number of inspiration meetings on growth and job creation was 3 in 2021 against the national average of 2: 1 above. The goal is met.',
    );
    expect(`${text.da} ${text.en}`).not.toMatch(/Andelen|share|pct\.-point|percentage points/);
  });

  it.each([
    [
      'who is counted',
      'Virksomheder tilfredse med servicen',
      'Companies satisfied with the service',
      'Andelen af virksomheder tilfredse med servicen',
      'The share of companies satisfied with the service',
    ],
    ['a rate', 'Fleksjobledighed', 'Flex-job unemployment rate', 'Fleksjobledighed', 'The flex-job unemployment rate'],
    [
      'a share by name',
      'Andel jobparate der ansættes på virksomhederne',
      'Share of job-ready people hired by companies',
      'Andel jobparate der ansættes på virksomhederne',
      'The share of job-ready people hired by companies',
    ],
    [
      'a share inside the label',
      'Langtidsledige i pct. af bruttoledige',
      'Long-term unemployed as a share of gross unemployed',
      'Langtidsledige i pct. af bruttoledige',
      'Long-term unemployed as a share of gross unemployed',
    ],
    [
      'an acronym first',
      'A-dagpengemodtagere med 3 samtaler i de første 3 måneder',
      'UI recipients with 3 interviews in the first 3 months',
      'Andelen af A-dagpengemodtagere med 3 samtaler i de første 3 måneder',
      'The share of UI recipients with 3 interviews in the first 3 months',
    ],
  ])('a plan’s own percentage labelled by %s', (_name, labelDa, labelEn, da, en) => {
    const labels: ExplanationLabels = { indicatorDa: labelDa, indicatorEn: labelEn, unit: 'percent', subject: 'measure' };
    expect([subjectPhrase('da', labels), subjectPhrase('en', labels)]).toEqual([da, en]);
  });

  it('a count is a count even when declared by a plan', () => {
    expect(subjectPhrase('en', { ...meetings, subject: 'measure' })).toBe('The number of inspiration meetings on growth and job creation');
  });

  it.each([
    ['Sickness benefit etc.', 'sickness benefit etc.'],
    ['A-dagpenge', 'A-dagpenge'],
    ['UI recipients', 'UI recipients'],
    ['IPS-forløb', 'IPS-forløb'],
    ['Øvrige ydelser', 'øvrige ydelser'],
  ])('lowerFirst(%j) = %j', (label, expected) => {
    expect(lowerFirst(label)).toBe(expected);
  });
});
