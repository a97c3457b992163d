import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { planGoals, validatePlan } from './plan-schema';

const PLANS = path.resolve(__dirname, '../../../../plans');
const load = (file: string) => parse(fs.readFileSync(path.join(PLANS, file), 'utf8'));

/** Every goal id of each seed in the goal catalogue (shared/domain/goal-catalog.md, section b). */
const CATALOGUE: Record<string, string[]> = {
  'frederiksberg-2022.yaml': [
    'Mål A',
    'Mål B',
    'Mål C',
    'Mål D',
    'Mål E',
    'Mål F',
    'Mål G',
    'Mål H',
    'Mål H′',
    'UGV-1',
    'UGV-2',
    'UGV-3',
    'VJ-0',
  ],
  'frederiksberg-vaekst-2021-2024.yaml': ['VJ-1', 'VJ-2', 'VJ-3', 'VJ-4', 'VJ-5'],
  'frederikssund-2022.yaml': [
    ...['1a', '1b', '1c', '2a', '2b', '3a', '3b', '3c', '4a', '4b', '4c', '4d', '5a', '5b', '5c', '6a', '6b', '6c', '7a', '7b', '7c'].map(
      (id) => `Resultatmål ${id}`,
    ),
    'BP21',
    ...['P1', 'P2', 'P3', 'P4'],
  ],
  'koebenhavn-2022.yaml': ['KBH-1', 'KBH-2', 'KBH-3', 'KBH-4', 'KBH-IP1', 'KBH-IP2', 'KBH-IP3', 'KBH-IP4', 'KBH-HP1', 'KBH-HP6', 'KBH-HC'],
  'dragoer-2022-2023.yaml': [
    ...['DR-M1', 'DR-1.1', 'DR-1.2', 'DR-1.3', 'DR-M2', 'DR-2.1', 'DR-2.2', 'DR-2.3', 'DR-3.1', 'DR-3.2', 'DR-3.3'],
    ...['DR-4.1', 'DR-4.2', 'DR-4.3', 'DR-4.4', 'DR-5.1', 'DR-5.2', 'DR-5.3', 'DR-M6', 'DR-6.1', 'DR-6.2', 'DR-6.3', 'FM1', 'FM2'],
    ...['CS1', 'CS2', 'CS3', 'CS4', 'CS5', 'CS6'],
  ],
};

describe('the five seeds’ plans as code', () => {
  it.each(Object.keys(CATALOGUE))('%s validates and accounts for every goal of the seed', (file) => {
    const result = validatePlan(load(file));
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    const encoded = planGoals(result.plan).map((goal) => goal.id);
    const skipped = result.plan.notEncoded.map((goal) => goal.id);
    expect([...encoded, ...skipped].sort()).toEqual([...CATALOGUE[file]].sort());
  });

  it('encodes Vækst og jobskabelse VJ-4 ("2-3 gange årligt") as at least 2 meetings a year on a plan-declared count', () => {
    const result = validatePlan(load('frederiksberg-vaekst-2021-2024.yaml'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan).toMatchObject({
      municipality: '147',
      years: [2021, 2022, 2023, 2024],
      source: { document: '003_2ae87baebc24ff91.txt' },
    });
    expect(result.plan.indicators).toEqual([expect.objectContaining({ id: 'count.inspirationsmoeder', unit: 'count', source: 'manual' })]);
    expect(planGoals(result.plan)).toEqual([
      expect.objectContaining({
        id: 'VJ-4',
        indicator: 'count.inspirationsmoeder',
        rule: { kind: 'threshold', comparator: 'gte', target: 2 },
        direction: 'higher_is_better',
        evaluationPeriod: 'year',
        owners: [{ name: 'Arbejdsmarkeds- og Uddannelsesudvalget' }],
      }),
    ]);
    expect(result.plan.notEncoded.map((goal) => goal.id)).toEqual(['VJ-1', 'VJ-2', 'VJ-3', 'VJ-5']);
  });

  it('encodes Frederiksberg Mål E as below the cluster average of Sygedagpenge mv.', () => {
    const result = validatePlan(load('frederiksberg-2022.yaml'));
    const goal = result.ok ? planGoals(result.plan).find((candidate) => candidate.id === 'Mål E') : undefined;
    expect(goal).toMatchObject({
      indicator: 'share.sygedagpenge-mv',
      rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
      focusArea: 'ydelsesgrupper',
    });
  });
});

describe('validatePlan', () => {
  const minimal = {
    id: 'test-2022',
    municipality: '147',
    title: 'Test',
    years: [2022],
    source: { document: 'x.txt', committee: 'AUU' },
    focusAreas: [
      {
        id: 'a',
        title: 'A',
        goals: [
          {
            id: 'Mål 1',
            text: 'Under 1,8 %',
            indicator: 'share.sygedagpenge-mv',
            rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
            direction: 'lower_is_better',
            evaluationPeriod: 'month',
            owners: [{ name: 'AUU' }],
          },
        ],
      },
    ],
  };
  const goal = minimal.focusAreas[0].goals[0];
  const withGoals = (...goals: unknown[]) => ({ ...minimal, focusAreas: [{ ...minimal.focusAreas[0], goals }] });

  it('accepts goals on derived indicators: of a catalogue share, and of a declared indicator', () => {
    const declared = { id: 'count.nye-jobordrer', labelDa: 'Nye jobordrer', labelEn: 'New job orders', unit: 'count', source: 'manual' };
    const result = validatePlan({
      ...withGoals(
        { ...goal, indicator: 'share.sygedagpenge-mv.change-12m', rule: { kind: 'threshold', comparator: 'lte', target: 0 } },
        { ...goal, id: 'Mål 2', indicator: 'count.nye-jobordrer.mean-12m' },
      ),
      indicators: [declared],
    });
    expect(result.ok).toBe(true);
  });

  it('accepts a minimal plan with defaults', () => {
    const result = validatePlan(minimal);
    expect(result.ok && result.plan).toMatchObject({
      notEncoded: [],
      indicators: [],
      clusters: {},
      focusAreas: [{ goals: [{ severity: 'major' }] }],
    });
  });

  it.each([
    ['an unknown municipality', { ...minimal, municipality: '999' }, 'municipality', /not a Danish municipality code/],
    ['a bad id', { ...minimal, id: 'Test 2022' }, 'id', /slug/],
    ['an unknown rule kind', withGoals({ ...goal, rule: { kind: 'vibes' } }), 'focusAreas.0.goals.0.rule.kind', /./],
    ['a bad month', withGoals({ ...goal, deadline: '2022-13' }), 'focusAreas.0.goals.0.deadline', /YYYY-MM/],
    ['no owner', withGoals({ ...goal, owners: [] }), 'focusAreas.0.goals.0.owners', /./],
    [
      'an undeclared indicator',
      withGoals({ ...goal, indicator: 'survey.unknown' }),
      'focusAreas.0.goals.0.indicator',
      /neither a catalogue indicator nor declared/,
    ],
    ['a duplicate goal id', withGoals(goal, goal), 'focusAreas.0.goals.1.id', /duplicate goal id 'Mål 1'/],
    [
      'a deadline before the plan',
      withGoals({ ...goal, deadline: '2019-12' }),
      'focusAreas.0.goals.0.deadline',
      /before the plan's first year/,
    ],
    [
      'a cluster of an unknown indicator',
      { ...minimal, clusters: { 'share.nonsense': ['101'] } },
      'clusters.share.nonsense',
      /not a known indicator/,
    ],
    [
      'a goal on a derived id of an undeclared indicator',
      withGoals({ ...goal, indicator: 'survey.unknown.mean-12m' }),
      'focusAreas.0.goals.0.indicator',
      /nor derived from one/,
    ],
    [
      'a declared indicator named like a derived one',
      { ...minimal, indicators: [{ id: 'count.x.mean-12m', labelDa: 'X', labelEn: 'X', unit: 'count', source: 'manual' }] },
      'indicators.0.id',
      /derived indicator/,
    ],
    [
      'a cluster on a derived indicator',
      { ...minimal, clusters: { 'share.a-dagpenge.change-12m': ['101'] } },
      'clusters.share.a-dagpenge.change-12m',
      /uses its clusters/,
    ],
    [
      'a cluster member that is no municipality',
      { ...minimal, clusters: { 'share.a-dagpenge': ['998'] } },
      'clusters.share.a-dagpenge.0',
      /municipality code/,
    ],
  ])('rejects %s at its path', (_name, input, at, message) => {
    const result = validatePlan(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ path: at, message: expect.stringMatching(message) });
  });
});
