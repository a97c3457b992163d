import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describeRule, GoalRule, Plan, planSchema, validatePlan } from '@pejling/domain-goals';
import { buildReport, REPORT_STATES, ReportDataNote, ReportEvaluation, ReportGoalInput, ReportInput, ReportNote } from './report-model';
import { ReportPeriod } from './report-period';

const CLUSTER_RULE: GoalRule = { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 };

const planGoal = (id: string, text: string) => ({
  id,
  text,
  indicator: 'share.alle-ydelser',
  rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
  direction: 'lower_is_better',
  evaluationPeriod: 'month',
  owners: [{ name: 'Beskæftigelsesudvalget' }],
});

/**
 * A small plan in the shape of a plan file. Focus areas and goals are deliberately not in
 * alphabetical order, so a report that sorted them would show it.
 */
function testPlan(reportMonths: number[] = [6, 12]): Plan {
  return planSchema.parse({
    id: 'testkommune-2022',
    municipality: '147',
    title: 'Beskæftigelsesplan 2022',
    years: [2022],
    source: { document: 'beskaeftigelsesplan-2022.pdf', committee: 'Arbejdsmarkeds- og Uddannelsesudvalget' },
    reporting: { months: reportMonths },
    focusAreas: [
      {
        id: 'ydelser',
        title: 'Mål for ydelsesgrupperne',
        goals: [planGoal('Mål C', 'Kontanthjælp under klyngen'), planGoal('Mål A', 'Alle ydelser under klyngen')],
      },
      {
        id: 'aaben',
        title: 'Tværgående mål',
        goals: [planGoal('Mål B', 'Langtidsledige under klyngen'), planGoal('Mål D', 'A-dagpenge under klyngen')],
      },
    ],
    notEncoded: [{ id: 'UGV-1', reason: 'Directional: no target value.' }],
  });
}

const PLAN_GOAL_IDS = ['Mål C', 'Mål A', 'Mål B', 'Mål D'];

const H1_2022: ReportPeriod = { from: '2022-01', to: '2022-06' };

function evaluation(period: string, state: string, extra: Partial<ReportEvaluation> = {}): ReportEvaluation {
  return { period, value: null, required: null, state, national: null, cluster: null, explanation: null, parts: null, ...extra };
}

function goalInput(planGoalId: string, evaluations: ReportEvaluation[], extra: Partial<ReportGoalInput> = {}): ReportGoalInput {
  return { goalId: `goal-${planGoalId}`, planGoalId, unit: 'percent', rule: CLUSTER_RULE, evaluations, notes: [], ...extra };
}

function report(goals: ReportGoalInput[], extra: Partial<ReportInput> = {}) {
  return buildReport({ plan: testPlan(), period: H1_2022, lang: 'da', goals, dataNotes: [], commentary: {}, ...extra });
}

function goalOf(model: ReturnType<typeof buildReport>, planGoalId: string) {
  const found = model.focusAreas.flatMap((area) => area.goals).find((goal) => goal.planGoalId === planGoalId);
  if (!found) throw new Error(`no goal ${planGoalId} in the report`);
  return found;
}

/** Months from `from` to `to`, both included, by walking the calendar with Date (not the engine's month arithmetic). */
function calendar(from: string, to: string): string[] {
  const months: string[] = [];
  const at = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, 1));
  const end = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, 1));
  while (at <= end) {
    months.push(`${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`);
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months;
}

/** Deterministic shuffle (reverse interleave), so the inputs are never in time order. */
const scramble = <T>(items: T[]): T[] => [
  ...items.filter((_, index) => index % 2 === 1).reverse(),
  ...items.filter((_, index) => index % 2 === 0),
];

describe('buildReport: the plan as printed', () => {
  it('lists the focus areas and goals in plan order with the plan’s texts, whatever order the goals arrive in', () => {
    const plan = testPlan();
    const model = report(scramble(PLAN_GOAL_IDS).map((id) => goalInput(id, [])));
    expect(model.focusAreas.map((area) => ({ id: area.id, title: area.title }))).toEqual(
      plan.focusAreas.map((area) => ({ id: area.id, title: area.title })),
    );
    expect(model.focusAreas.map((area) => area.goals.map((goal) => [goal.planGoalId, goal.text]))).toEqual(
      plan.focusAreas.map((area) => area.goals.map((goal) => [goal.id, goal.text])),
    );
    expect(model.focusAreas.flatMap((area) => area.goals.map((goal) => goal.goalId))).toEqual(PLAN_GOAL_IDS.map((id) => `goal-${id}`));
  });

  it('carries the plan’s identity, committee and goals it could not encode', () => {
    const plan = testPlan();
    const model = report([]);
    expect(model).toMatchObject({
      planId: plan.id,
      title: plan.title,
      municipality: plan.municipality,
      committee: plan.source.committee,
      period: H1_2022,
    });
    expect(model.notEncoded).toEqual(plan.notEncoded);
  });

  it('keeps a plan goal without any goal input, as no data', () => {
    const model = report([goalInput('Mål A', [evaluation('2022-06', 'met')])]);
    const missing = goalOf(model, 'Mål C');
    expect(missing).toMatchObject({
      goalId: null,
      state: 'no_data',
      statePeriod: null,
      value: null,
      explanation: null,
      ruleInWords: '',
      unit: 'percent',
      chart: [],
      drivers: [],
      notes: [],
    });
    expect(model.focusAreas.flatMap((area) => area.goals)).toHaveLength(PLAN_GOAL_IDS.length);
  });

  it('prints Frederiksberg’s plan file with every goal in the file’s order', () => {
    const raw = parse(fs.readFileSync(path.resolve(__dirname, '../../../plans/frederiksberg-2022.yaml'), 'utf8'));
    const result = validatePlan(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const model = buildReport({ plan: result.plan, period: H1_2022, lang: 'da', goals: [], dataNotes: [], commentary: {} });
    const fileGoals = raw.focusAreas.map((area: { id: string; goals: { id: string; text: string }[] }) => [
      area.id,
      area.goals.map((goal) => [goal.id, goal.text]),
    ]);
    expect(model.focusAreas.map((area) => [area.id, area.goals.map((goal) => [goal.planGoalId, goal.text])])).toEqual(fileGoals);
    expect(model.committee).toBe(raw.source.committee);
    expect(model.notEncoded.map((goal) => goal.id)).toEqual(raw.notEncoded.map((goal: { id: string }) => goal.id));
    const goalCount = raw.focusAreas.reduce((sum: number, area: { goals: unknown[] }) => sum + area.goals.length, 0);
    expect(model.counts.no_data).toBe(goalCount);
  });
});

describe('buildReport: the state at the period’s end', () => {
  it('is the latest evaluation whose period ends by the period’s last month; a later one is ignored', () => {
    const standing = evaluation('2022-06', 'at_risk', {
      value: 11.2,
      required: 10.9,
      cluster: 10.9,
      national: 12.1,
      explanation: { da: 'Lidt over klyngen.', en: 'Slightly above the cluster.' },
    });
    const model = report([
      goalInput(
        'Mål A',
        scramble([
          evaluation('2022-02', 'met', { value: 9 }),
          standing,
          evaluation('2022-07', 'breached', { value: 14 }),
          evaluation('2021-12', 'met', { value: 8 }),
        ]),
      ),
    ]);
    expect(goalOf(model, 'Mål A')).toMatchObject({
      state: standing.state,
      statePeriod: standing.period,
      value: standing.value,
      required: standing.required,
      cluster: standing.cluster,
      national: standing.national,
      explanation: standing.explanation?.da,
    });
  });

  it('falls back to the last evaluation before the period’s end when the last month has none', () => {
    const model = report([
      goalInput('Mål A', [evaluation('2022-03', 'breached', { value: 3 }), evaluation('2022-01', 'met', { value: 1 })]),
    ]);
    expect(goalOf(model, 'Mål A')).toMatchObject({ state: 'breached', statePeriod: '2022-03', value: 3 });
  });

  it('reads quarters and years by the month they end in', () => {
    const model = report([
      goalInput('Mål A', [evaluation('2022Q3', 'met'), evaluation('2022Q1', 'met'), evaluation('2022Q2', 'breached')]),
      goalInput('Mål B', [evaluation('2022', 'breached'), evaluation('2021', 'met')]),
    ]);
    expect(goalOf(model, 'Mål A')).toMatchObject({ state: 'breached', statePeriod: '2022Q2' });
    // The year 2022 ends in December, after the report period: 2021 still stands.
    expect(goalOf(model, 'Mål B')).toMatchObject({ state: 'met', statePeriod: '2021' });
  });

  it('prefers a quarter to the month it ends with, whichever order they arrive in', () => {
    const month = evaluation('2022-06', 'met');
    const quarter = evaluation('2022Q2', 'breached');
    for (const evaluations of [
      [month, quarter],
      [quarter, month],
    ]) {
      expect(goalOf(report([goalInput('Mål A', evaluations)]), 'Mål A')).toMatchObject({ state: 'breached', statePeriod: '2022Q2' });
    }
  });

  it('is no_data for a goal without evaluations or with evaluations only after the period', () => {
    const model = report([goalInput('Mål A', []), goalInput('Mål B', [evaluation('2022-07', 'met', { value: 5 })])]);
    for (const id of ['Mål A', 'Mål B'])
      expect(goalOf(model, id)).toMatchObject({
        state: 'no_data',
        statePeriod: null,
        value: null,
        required: null,
        cluster: null,
        national: null,
        explanation: null,
      });
  });

  it('counts the goals per state, with every state present and the counts adding up to the number of goals', () => {
    const finalStates: Record<string, string> = { 'Mål C': 'met', 'Mål A': 'breached', 'Mål B': 'met' };
    const model = report(Object.entries(finalStates).map(([id, state]) => goalInput(id, [evaluation('2022-05', state)])));
    // Mål D has no input: no data.
    const expected: Record<string, number> = Object.fromEntries(REPORT_STATES.map((state) => [state, 0]));
    for (const id of PLAN_GOAL_IDS) expected[finalStates[id] ?? 'no_data'] += 1;
    expect(model.counts).toEqual(expected);
    expect(Object.values(model.counts).reduce((sum, count) => sum + count, 0)).toBe(PLAN_GOAL_IDS.length);
  });
});

describe('buildReport: what changed since the last report', () => {
  it('lists exactly the goals whose state differs from the end of the previous period, in plan order', () => {
    const model = report([
      // Met at the end of 2021, breached now.
      goalInput('Mål A', [evaluation('2021-12', 'met'), evaluation('2022-06', 'breached')]),
      // Met then and now, though it was at risk in between: no change.
      goalInput('Mål B', [evaluation('2021-11', 'met'), evaluation('2022-02', 'at_risk'), evaluation('2022-06', 'met')]),
      // No judgement before the period: a change from no data.
      goalInput('Mål C', [evaluation('2022-03', 'at_risk')]),
      // Judged only after the report period: no data at the end of either period, so no change.
      goalInput('Mål D', [evaluation('2022-07', 'met')]),
    ]);
    expect(model.changes).toEqual([
      { planGoalId: 'Mål C', text: 'Kontanthjælp under klyngen', from: 'no_data', to: 'at_risk' },
      { planGoalId: 'Mål A', text: 'Alle ydelser under klyngen', from: 'met', to: 'breached' },
    ]);
  });

  it('compares with the state at the previous period’s end, not the latest evaluation before this one', () => {
    // July–December 2021 ends met; an evaluation of 2021Q4 ending in December stands at that end as well.
    const model = report([
      goalInput('Mål A', [evaluation('2021-06', 'breached'), evaluation('2021Q4', 'met'), evaluation('2022-01', 'met')]),
    ]);
    expect(model.changes).toEqual([]);
    const breachedThen = report([goalInput('Mål A', [evaluation('2021-12', 'breached'), evaluation('2022-01', 'met')])]);
    expect(breachedThen.changes).toEqual([{ planGoalId: 'Mål A', text: 'Alle ydelser under klyngen', from: 'breached', to: 'met' }]);
  });

  it('lists no change for goals without any data', () => {
    expect(report([]).changes).toEqual([]);
  });

  it('labels the previous period in the report’s language', () => {
    expect(report([]).periodLabel).toBe('1. halvår 2022');
    expect(report([]).previousLabel).toBe('2. halvår 2021');
    expect(report([], { lang: 'en' }).periodLabel).toBe('H1 2022');
    expect(report([], { lang: 'en' }).previousLabel).toBe('H2 2021');
  });

  it('follows the plan’s report months', () => {
    const quarterly = buildReport({
      plan: testPlan([3, 6, 9, 12]),
      period: { from: '2022-04', to: '2022-06' },
      lang: 'da',
      goals: [goalInput('Mål A', [evaluation('2022-03', 'met'), evaluation('2022-06', 'breached')])],
      dataNotes: [],
      commentary: {},
    });
    expect(quarterly.periodLabel).toBe('2. kvartal 2022');
    expect(quarterly.previousLabel).toBe('1. kvartal 2022');
    expect(quarterly.changes).toEqual([{ planGoalId: 'Mål A', text: 'Alle ydelser under klyngen', from: 'met', to: 'breached' }]);
  });

  it('has no previous period and no changes for a period that does not follow a report month', () => {
    const model = report([goalInput('Mål A', [evaluation('2021-12', 'met'), evaluation('2022-06', 'breached')])], {
      period: { from: '2022-02', to: '2022-06' },
    });
    expect(model.previousLabel).toBeNull();
    expect(model.changes).toEqual([]);
    expect(goalOf(model, 'Mål A').state).toBe('breached');
  });
});

describe('buildReport: the chart', () => {
  it('covers the twelve months before the period through its end, in time order, with inPeriod right', () => {
    // Monthly evaluations from two months before the chart starts to one month after the period.
    const months = calendar('2020-11', '2022-07');
    const evaluations = months.map((month, index) =>
      evaluation(month, 'met', { value: index, required: index + 0.5, cluster: index + 1, national: index + 2 }),
    );
    const model = report([goalInput('Mål A', scramble(evaluations))]);
    const chartMonths = calendar('2021-01', H1_2022.to);
    expect(chartMonths).toHaveLength(12 + 6);
    expect(goalOf(model, 'Mål A').chart).toEqual(
      chartMonths.map((month) => {
        const index = months.indexOf(month);
        // A cluster benchmark without an offset is held against the cluster's average, which the chart draws once.
        return { period: month, value: index, target: null, cluster: index + 1, national: index + 2, inPeriod: month >= H1_2022.from };
      }),
    );
  });

  it('holds a threshold goal against its required value, a benchmark against the average plus the offset, and a rank against none', () => {
    const judged = [evaluation('2022-06', 'met', { value: 2, required: 1.8, cluster: 2.4, national: 2.6 })];
    const threshold = report([goalInput('Mål A', judged, { rule: { kind: 'threshold', comparator: 'lte', target: 1.8 } })]);
    expect(goalOf(threshold, 'Mål A')).toMatchObject({ required: 1.8, chart: [expect.objectContaining({ target: 1.8 })] });
    const national = report([
      goalInput('Mål A', judged, { rule: { kind: 'benchmark', benchmark: 'national', comparator: 'lt', offsetPp: -0.5 } }),
    ]);
    expect(goalOf(national, 'Mål A').required).toBeCloseTo(2.6 - 0.5, 10);
    expect(goalOf(national, 'Mål A').chart[0].target).toBeCloseTo(2.6 - 0.5, 10);
    const rank = report([goalInput('Mål A', judged, { rule: { kind: 'rank', within: 'cluster', maxRank: 1 } })]);
    expect(goalOf(rank, 'Mål A').required).toBeNull();
  });

  it('includes quarters by the month they end in', () => {
    const model = report([
      goalInput('Mål A', [
        evaluation('2022Q3', 'met'),
        evaluation('2022Q2', 'met'),
        evaluation('2021Q4', 'met'),
        evaluation('2021Q1', 'met'),
        evaluation('2020Q4', 'met'),
      ]),
    ]);
    expect(goalOf(model, 'Mål A').chart.map((point) => [point.period, point.inPeriod])).toEqual([
      ['2021Q1', false],
      ['2021Q4', false],
      ['2022Q2', true],
    ]);
  });

  it('keeps points without a value (a no-data month)', () => {
    const model = report([goalInput('Mål A', [evaluation('2022-01', 'met', { value: 4 }), evaluation('2022-02', 'no_data')])]);
    expect(goalOf(model, 'Mål A').chart.map((point) => point.value)).toEqual([4, null]);
  });
});

describe('buildReport: missing months', () => {
  it('lists the months of the period a monthly goal has no judgement for', () => {
    const judged = ['2021-12', '2022-01', '2022-02', '2022-04', '2022-06', '2022-07'];
    const model = report([
      goalInput(
        'Mål A',
        judged.map((month) => evaluation(month, 'met')),
      ),
    ]);
    const expected = calendar(H1_2022.from, H1_2022.to).filter((month) => !judged.includes(month));
    expect(expected).toEqual(['2022-03', '2022-05']);
    expect(goalOf(model, 'Mål A').missingMonths).toEqual(expected);
  });

  it('lists every month for a goal without any evaluation', () => {
    expect(goalOf(report([goalInput('Mål A', [])]), 'Mål A').missingMonths).toEqual(calendar(H1_2022.from, H1_2022.to));
    expect(goalOf(report([]), 'Mål A').missingMonths).toEqual(calendar(H1_2022.from, H1_2022.to));
  });

  it('lists none for a quarterly or yearly goal', () => {
    const model = report([
      goalInput('Mål A', [evaluation('2022Q1', 'met'), evaluation('2022Q2', 'met')]),
      goalInput('Mål B', [evaluation('2021', 'met')]),
    ]);
    expect(goalOf(model, 'Mål A').missingMonths).toEqual([]);
    expect(goalOf(model, 'Mål B').missingMonths).toEqual([]);
  });

  it('lists none for a monthly goal judged every month', () => {
    const model = report([
      goalInput(
        'Mål A',
        calendar(H1_2022.from, H1_2022.to).map((month) => evaluation(month, 'met')),
      ),
    ]);
    expect(goalOf(model, 'Mål A').missingMonths).toEqual([]);
  });
});

describe('buildReport: drivers by benefit type', () => {
  const december = { sygedagpenge: 900, jobafklaringsforloeb: 230, 'custom-series': 40, fleksjob: 75 };
  const march = { sygedagpenge: 1500, jobafklaringsforloeb: 10, 'custom-series': 40, fleksjob: 75 };
  const june = { sygedagpenge: 950, jobafklaringsforloeb: 100, 'custom-series': 40, fleksjob: 95 };

  it('gives each series at the period’s end with its change since the month before the period, largest absolute change first', () => {
    const model = report([
      goalInput('Mål A', [
        evaluation('2021-11', 'met', { parts: { sygedagpenge: 1, jobafklaringsforloeb: 1 } }),
        evaluation('2021-12', 'met', { parts: december }),
        evaluation('2022-03', 'met', { parts: march }),
        evaluation('2022-06', 'met', { parts: june }),
        evaluation('2022-07', 'met', { parts: { sygedagpenge: 5000, jobafklaringsforloeb: 5000 } }),
      ]),
    ]);
    const labels: Record<string, string> = {
      sygedagpenge: 'Sygedagpenge',
      jobafklaringsforloeb: 'Jobafklaringsforløb',
      fleksjob: 'Fleksjob',
      'custom-series': 'custom-series',
    };
    const expected = Object.entries(june)
      .map(([series, value]) => ({ label: labels[series], value, change: value - december[series as keyof typeof december] }))
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
    expect(expected.map((driver) => driver.change)).toEqual([-130, 50, 20, 0]);
    expect(goalOf(model, 'Mål A').drivers).toEqual(expected);
  });

  it('names the series in English for an English report', () => {
    const model = report(
      [goalInput('Mål A', [evaluation('2021-12', 'met', { parts: december }), evaluation('2022-06', 'met', { parts: june })])],
      { lang: 'en' },
    );
    expect(goalOf(model, 'Mål A').drivers.map((driver) => driver.label)).toEqual([
      'Work-ability clarification',
      'Sickness benefit',
      'Flex-job',
      'custom-series',
    ]);
  });

  it('counts a series new in the period from zero', () => {
    const model = report([
      goalInput('Mål A', [
        evaluation('2021-12', 'met', { parts: { sygedagpenge: 10, fleksjob: 5 } }),
        evaluation('2022-06', 'met', { parts: { sygedagpenge: 12, fleksjob: 5, ledighedsydelse: 7 } }),
      ]),
    ]);
    expect(goalOf(model, 'Mål A').drivers).toEqual([
      { label: 'Ledighedsydelse', value: 7, change: 7 },
      { label: 'Sygedagpenge', value: 12, change: 2 },
      { label: 'Fleksjob', value: 5, change: 0 },
    ]);
  });

  it('orders equal absolute changes by the larger value first', () => {
    const model = report([
      goalInput('Mål A', [
        evaluation('2021-12', 'met', { parts: { sygedagpenge: 100, fleksjob: 400 } }),
        evaluation('2022-06', 'met', { parts: { sygedagpenge: 120, fleksjob: 380 } }),
      ]),
    ]);
    expect(goalOf(model, 'Mål A').drivers.map((driver) => [driver.label, driver.change])).toEqual([
      ['Fleksjob', -20],
      ['Sygedagpenge', 20],
    ]);
  });

  it('measures the change from the period’s first judgement when nothing was judged before the period', () => {
    const model = report([
      goalInput('Mål A', [
        evaluation('2022-06', 'met', { parts: { sygedagpenge: 10, fleksjob: 20 } }),
        evaluation('2022-02', 'met', { parts: { sygedagpenge: 3, fleksjob: 4 } }),
      ]),
    ]);
    expect(goalOf(model, 'Mål A').drivers).toEqual([
      { label: 'Fleksjob', value: 20, change: 20 - 4 },
      { label: 'Sygedagpenge', value: 10, change: 10 - 3 },
    ]);
  });

  it('has no change, ordered by value, when the period has a single judgement and none before it', () => {
    const model = report([goalInput('Mål A', [evaluation('2022-06', 'met', { parts: { sygedagpenge: 10, fleksjob: 20 } })])]);
    expect(goalOf(model, 'Mål A').drivers).toEqual([
      { label: 'Fleksjob', value: 20, change: null },
      { label: 'Sygedagpenge', value: 10, change: null },
    ]);
  });

  it('is empty when the standing evaluation has fewer than two series or none', () => {
    const one = report([
      goalInput('Mål A', [
        evaluation('2021-12', 'met', { parts: { sygedagpenge: 5, fleksjob: 5 } }),
        evaluation('2022-06', 'met', { parts: { sygedagpenge: 9 } }),
      ]),
    ]);
    expect(goalOf(one, 'Mål A').drivers).toEqual([]);
    const none = report([
      goalInput('Mål A', [evaluation('2021-12', 'met', { parts: december }), evaluation('2022-06', 'met', { parts: null })]),
    ]);
    expect(goalOf(none, 'Mål A').drivers).toEqual([]);
    const empty = report([goalInput('Mål A', [evaluation('2022-06', 'met', { parts: {} })])]);
    expect(goalOf(empty, 'Mål A').drivers).toEqual([]);
  });
});

describe('buildReport: notes, commentary, explanation, rule and data notes', () => {
  it('keeps the notes about the period (by their period, else by when they were written), sorted by time', () => {
    const notes: (ReportNote & { belongs: boolean })[] = [
      { at: '2022-07-04T09:00:00Z', period: '2022-06', text: 'Kvittering for juni, skrevet i juli', belongs: true },
      { at: '2022-03-10T08:00:00Z', period: '2021-12', text: 'Om december, skrevet i marts', belongs: false },
      { at: '2022-02-01T10:00:00Z', period: null, text: 'Fri note i februar', belongs: true },
      { at: '2022-07-01T00:00:00Z', period: null, text: 'Fri note i juli', belongs: false },
      { at: '2021-12-31T23:59:59Z', period: null, text: 'Fri note nytårsaften', belongs: false },
      { at: '2022-05-05T12:00:00Z', period: '2022Q2', text: 'Om 2. kvartal', belongs: true },
      { at: '2022-01-15T12:00:00Z', period: '2022-01', text: 'Om januar', belongs: true },
      { at: '2022-01-20T12:00:00Z', period: '2022-07', text: 'Om juli', belongs: false },
    ];
    const model = report([goalInput('Mål A', [], { notes: notes.map(({ belongs: _belongs, ...note }) => note) })]);
    const expected = notes
      .filter((note) => note.belongs)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map(({ belongs: _belongs, ...note }) => note);
    expect(expected.map((note) => note.text)).toEqual([
      'Om januar',
      'Fri note i februar',
      'Om 2. kvartal',
      'Kvittering for juni, skrevet i juli',
    ]);
    expect(goalOf(model, 'Mål A').notes).toEqual(expected);
  });

  it('trims the analyst’s commentary per focus area and leaves it empty where there is none', () => {
    const model = report([], { commentary: { ydelser: '  Ydelserne falder.\n\n', ukendt: 'Ingen sådan indsats' } });
    expect(model.focusAreas.map((area) => [area.id, area.commentary])).toEqual([
      ['ydelser', 'Ydelserne falder.'],
      ['aaben', ''],
    ]);
  });

  it('chooses the explanation in the report’s language', () => {
    const goals = [
      goalInput('Mål A', [
        evaluation('2022-06', 'breached', { explanation: { da: 'Over klyngens gennemsnit.', en: 'Above the cluster average.' } }),
      ]),
    ];
    expect(goalOf(report(goals, { lang: 'da' }), 'Mål A').explanation).toBe('Over klyngens gennemsnit.');
    expect(goalOf(report(goals, { lang: 'en' }), 'Mål A').explanation).toBe('Above the cluster average.');
    expect(goalOf(report([goalInput('Mål A', [evaluation('2022-06', 'met')])]), 'Mål A').explanation).toBeNull();
  });

  it('states the goal’s rule in words in the report’s language and unit', () => {
    const goals = [
      goalInput('Mål A', []),
      goalInput('Mål B', [], { unit: 'count', rule: { kind: 'threshold', comparator: 'gte', target: 450 } }),
      goalInput('Mål C', [], { rule: null }),
    ];
    const da = report(goals, { lang: 'da' });
    const en = report(goals, { lang: 'en' });
    expect(goalOf(da, 'Mål A').ruleInWords).not.toBe('');
    expect(goalOf(da, 'Mål A').ruleInWords).toBe(describeRule(CLUSTER_RULE, 'da', 'percent'));
    expect(goalOf(da, 'Mål A').ruleInWords).toContain('klyngens gennemsnit');
    expect(goalOf(en, 'Mål A').ruleInWords).toContain('cluster average');
    expect(goalOf(da, 'Mål B')).toMatchObject({ unit: 'count', ruleInWords: '≥ 450' });
    expect(goalOf(en, 'Mål B').ruleInWords).toBe(describeRule({ kind: 'threshold', comparator: 'gte', target: 450 }, 'en', 'count'));
    expect(goalOf(da, 'Mål C').ruleInWords).toBe('');
  });

  it('sorts the data notes by period, then text, without changing the input', () => {
    const dataNotes: ReportDataNote[] = [
      { kind: 'revision', period: '2022-05', text: 'Revideret: 884 → 883' },
      { kind: 'revision', period: '2022-02', text: 'Revideret: 1.217 → 1.223' },
      { kind: 'quality', period: '2022-05', text: 'Mangler tal for én kommune' },
      { kind: 'quality', period: '2021-12', text: 'Foreløbige tal' },
    ];
    const input = dataNotes.map((note) => ({ ...note }));
    const model = report([], { dataNotes: input });
    expect(model.dataNotes).toEqual([dataNotes[3], dataNotes[1], dataNotes[2], dataNotes[0]]);
    expect(input).toEqual(dataNotes);
  });
});

describe('buildReport: what the national average covers', () => {
  it('says when the standing national average is the mean of only some municipalities', () => {
    const partial = report([
      goalInput('Mål A', [evaluation('2022-06', 'met', { national: 2.1, nationalBasis: { official: false, municipalities: 6, of: 98 } })]),
    ]);
    expect(goalOf(partial, 'Mål A').partialNational).toEqual({ municipalities: 6, of: 98 });
  });

  it('says nothing for the official figure, a full coverage, no basis or no national value', () => {
    const cases = [
      { national: 2.1, nationalBasis: { official: true, municipalities: 0, of: 98 } },
      { national: 2.1, nationalBasis: { official: false, municipalities: 98, of: 98 } },
      { national: 2.1, nationalBasis: null },
      { national: null, nationalBasis: { official: false, municipalities: 3, of: 98 } },
    ];
    for (const extra of cases)
      expect(goalOf(report([goalInput('Mål A', [evaluation('2022-06', 'met', extra)])]), 'Mål A').partialNational).toBeNull();
  });
});
