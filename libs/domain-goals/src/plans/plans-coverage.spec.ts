import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { GoalRule } from '../engine/rules';
import { parseDerivedId } from '@pejling/domain-indicators';
import { goalRuleSchema, planGoals, validatePlan, type Plan } from './plan-schema';

// Compile-time: the plan file's rule schema and the engine's GoalRule union describe the same shapes.
type ParsedRule = z.infer<typeof goalRuleSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const ruleShapesAgree: Same<ParsedRule, GoalRule> = true;

const PLANS = path.resolve(__dirname, '../../../../plans');
const loadPlan = (file: string): Plan => {
  const result = validatePlan(parse(fs.readFileSync(path.join(PLANS, file), 'utf8')));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors, null, 2)}`);
  return result.plan;
};
const goalOf = (plan: Plan, id: string) => planGoals(plan).find((goal) => goal.id === id);

/** How many goals each plan file encodes (the rest of the seed's catalogue ids are in notEncoded). */
const ENCODED: Record<string, number> = {
  'frederiksberg-2022.yaml': 10,
  'frederiksberg-vaekst-2021-2024.yaml': 1,
  'frederikssund-2022.yaml': 21,
  'koebenhavn-2022.yaml': 4,
  'dragoer-2022-2023.yaml': 18,
};

describe('plan files: counts and rule mapping', () => {
  it('the rule schema matches the engine type', () => {
    expect(ruleShapesAgree).toBe(true);
  });

  it.each(Object.entries(ENCODED))('%s encodes %i goals, with unique ids across goals and notEncoded', (file, count) => {
    const plan = loadPlan(file);
    const encoded = planGoals(plan).map((goal) => goal.id);
    expect(encoded).toHaveLength(count);
    const all = [...encoded, ...plan.notEncoded.map((goal) => goal.id)];
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(Object.keys(ENCODED))('%s: every rule parses as a GoalRule and every declared indicator is used', (file) => {
    const plan = loadPlan(file);
    for (const goal of planGoals(plan)) expect(goalRuleSchema.safeParse(goal.rule).success).toBe(true);
    // A goal on a derived indicator (count.nye-jobordrer.mean-12m) uses the declared base.
    const used = new Set([
      ...planGoals(plan).flatMap((goal) => [goal.indicator, parseDerivedId(goal.indicator)?.base ?? goal.indicator]),
      ...Object.keys(plan.clusters),
    ]);
    const unused = plan.indicators.map((indicator) => indicator.id).filter((id) => !used.has(id));
    // København declares count.aktivitetsparate-30-plus but KBH-2 is encoded on share.kontanthjaelp-mv (see its notes).
    expect(unused).toEqual(file === 'koebenhavn-2022.yaml' ? ['count.aktivitetsparate-30-plus'] : []);
  });

  it('Frederiksberg: catalogue indicators for the benefit-group goals, H as a cluster benchmark and H′ as a rank', () => {
    const plan = loadPlan('frederiksberg-2022.yaml');
    const cluster = { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 };
    expect(goalOf(plan, 'Mål A')).toMatchObject({ indicator: 'share.alle-ydelser', rule: cluster, direction: 'lower_is_better' });
    expect(goalOf(plan, 'Mål C')).toMatchObject({ indicator: 'share.kontanthjaelp-mv', rule: cluster });
    expect(goalOf(plan, 'Mål D')).toMatchObject({ indicator: 'share.a-dagpenge', rule: cluster });
    expect(goalOf(plan, 'Mål G')).toMatchObject({ indicator: 'share.ressourceforloeb-mv', rule: cluster });
    expect(goalOf(plan, 'Mål H')).toMatchObject({ rule: { ...cluster, comparator: 'gt' }, direction: 'higher_is_better' });
    expect(goalOf(plan, 'Mål H′')).toMatchObject({
      indicator: goalOf(plan, 'Mål H')?.indicator,
      rule: { kind: 'rank', within: 'cluster', maxRank: 1 },
    });
  });

  it('Frederikssund: national offsets, boundary precision, cohorts, surveys and the cumulative 2021 goal', () => {
    const plan = loadPlan('frederikssund-2022.yaml');
    expect(goalOf(plan, 'Resultatmål 1a')?.rule).toEqual({ kind: 'cohort', comparator: 'gte', target: 85, maturityMonths: 3 });
    expect(goalOf(plan, 'Resultatmål 1b')?.rule).toEqual({ kind: 'benchmark', benchmark: 'national', comparator: 'gte', offsetPp: 0 });
    expect(goalOf(plan, 'Resultatmål 3a')?.rule).toEqual({ kind: 'benchmark', benchmark: 'national', comparator: 'lt', offsetPp: 0.5 });
    expect(goalOf(plan, 'Resultatmål 4a')?.rule).toMatchObject({ benchmark: 'national', comparator: 'lt', offsetPp: 0 });
    expect(goalOf(plan, 'Resultatmål 5a')).toMatchObject({
      rule: { benchmark: 'national', comparator: 'lte', offsetPp: -0.2 },
      precision: 1,
    });
    expect(goalOf(plan, 'Resultatmål 7b')).toMatchObject({
      rule: { benchmark: 'national', comparator: 'lte', offsetPp: -0.7 },
      precision: 1,
    });
    expect(goalOf(plan, 'BP21')?.rule).toEqual({ kind: 'cumulative_by_deadline', from: '2021-01', target: 450, deadline: '2021-12' });
    const surveys = new Set(plan.indicators.filter((indicator) => indicator.source === 'survey').map((indicator) => indicator.id));
    for (const id of ['Resultatmål 4d', 'Resultatmål 6a']) {
      const goal = goalOf(plan, id);
      expect(goal?.rule.kind).toBe('threshold');
      expect(surveys.has(goal?.indicator ?? '')).toBe(true);
    }
  });

  it('Dragør: the 2023 reduction against 2021 and the fokusmål as conditional thresholds', () => {
    const plan = loadPlan('dragoer-2022-2023.yaml');
    expect(goalOf(plan, 'DR-1.1')?.rule).toEqual({
      kind: 'change_by_deadline',
      baselinePeriod: '2021-12',
      comparator: 'lte',
      change: -250,
      deadline: '2023-12',
    });
    // Full-time persons as a 12-month mean (the year 2023 against the year 2021); job orders "i gennemsnit hver måned".
    expect(goalOf(plan, 'DR-1.1')?.indicator).toBe('count.fuldtidspersoner-paa-ydelse.mean-12m');
    expect(goalOf(plan, 'DR-4.2')).toMatchObject({
      indicator: 'count.nye-jobordrer.mean-12m',
      rule: { kind: 'threshold', comparator: 'gte', target: 50 },
    });
    for (const id of ['DR-3.2', 'FM2']) {
      expect(goalOf(plan, id)).toMatchObject({
        rule: { kind: 'threshold', comparator: 'lt', target: 20 },
        applicability: { kind: 'actual_above_expected' },
        evaluationPeriod: 'rolling-12-months',
      });
    }
    expect(goalOf(plan, 'DR-2.2')?.rule).toEqual({ kind: 'benchmark', benchmark: 'national', comparator: 'lte', offsetPp: 0 });
  });
});

describe('validatePlan: cross-checks not covered elsewhere', () => {
  const goal = {
    id: 'Mål 1',
    text: 'Under klyngen',
    indicator: 'share.a-dagpenge',
    rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
    direction: 'lower_is_better',
    evaluationPeriod: 'month',
    owners: [{ name: 'AUU' }],
  };
  const plan = (focusAreas: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'test-2022',
    municipality: '147',
    title: 'Test',
    years: [2022],
    source: { document: 'x.txt', committee: 'AUU' },
    focusAreas,
    ...extra,
  });

  it('rejects duplicate focus-area ids at the second one', () => {
    const result = validatePlan(
      plan([
        { id: 'a', title: 'A', goals: [goal] },
        { id: 'a', title: 'A again', goals: [{ ...goal, id: 'Mål 2' }] },
      ]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([{ path: 'focusAreas.1.id', message: expect.stringMatching(/duplicate focus area id 'a'/) }]);
  });

  it('rejects duplicate goal ids across focus areas', () => {
    const result = validatePlan(
      plan([
        { id: 'a', title: 'A', goals: [goal] },
        { id: 'b', title: 'B', goals: [goal] },
      ]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toContainEqual({ path: 'focusAreas.1.goals.0.id', message: expect.stringMatching(/duplicate goal id/) });
  });

  it('accepts a goal on a plan-declared indicator and a cluster of real municipalities', () => {
    const declared = { id: 'survey.tilfredshed', labelDa: 'Tilfredshed', labelEn: 'Satisfaction', unit: 'percent', source: 'survey' };
    const surveyGoal = {
      ...goal,
      id: 'Mål 2',
      indicator: declared.id,
      rule: { kind: 'threshold', comparator: 'gte', target: 80 },
      direction: 'higher_is_better',
      evaluationPeriod: 'year',
    };
    const result = validatePlan(
      plan([{ id: 'a', title: 'A', goals: [goal, surveyGoal] }], {
        indicators: [declared],
        clusters: { 'share.a-dagpenge': ['147', '101', '157'] },
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('reports every cross-check problem at once, each at its own path', () => {
    const result = validatePlan(
      plan([
        { id: 'a', title: 'A', goals: [{ ...goal, indicator: 'share.nonsense', deadline: '2021-06' }] },
        { id: 'a', title: 'B', goals: [goal] },
      ]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => error.path).sort()).toEqual(
        ['focusAreas.0.goals.0.deadline', 'focusAreas.0.goals.0.indicator', 'focusAreas.1.goals.0.id', 'focusAreas.1.id'].sort(),
      );
    }
  });

  it('rejects a rule missing a field the engine needs', () => {
    const result = validatePlan(
      plan([{ id: 'a', title: 'A', goals: [{ ...goal, rule: { kind: 'cohort', comparator: 'gte', target: 85 } }] }]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((error) => error.path)).toContain('focusAreas.0.goals.0.rule.maturityMonths');
  });
});
