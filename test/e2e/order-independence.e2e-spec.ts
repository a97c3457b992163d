import { Client } from 'pg';
import { TOPICS } from '@pejling/contracts';
import { apiClient, createTestWorld, ServiceProcess, startServiceProcess, TestWorld, topicSize, waitUntil } from '@pejling/testing';

/**
 * The same data gives the same judgement, whatever order it arrives in. One small data set (five
 * municipalities, Frederiksberg's a-dagpenge cluster among them, two years of monthly figures and
 * two ministry benchmark pairs) is replayed through the real pipeline (ingest → indicators → goals
 * over the real broker, built service processes) in four orders, each in a world of its own, and
 * the full tables of current evaluations and derived transitions must be identical.
 */

interface Figure {
  municipality: string;
  series: string;
  period: string;
  value: number;
  unit: string;
  source: string;
}

const MONTHS = Array.from({ length: 24 }, (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const POPULATION: Record<string, number> = { '147': 70_000, '101': 400_000, '157': 50_000, '159': 45_000, '155': 9_000 };
const PHASE: Record<string, number> = { '147': 0, '101': 1.3, '157': 2.1, '159': 3.4, '155': 0.7 };

function dataSet(): Figure[] {
  const figures: Figure[] = [];
  const add = (municipality: string, series: string, period: string, value: number, unit = 'full-time-persons') =>
    figures.push({ municipality, series, period, value, unit, source: 'jobindsats' });
  MONTHS.forEach((period, i) => {
    for (const [code, population] of Object.entries(POPULATION)) {
      add(code, 'befolkning-16-66', period, population, 'persons');
      // A-dagpenge around 3 %, each municipality in its own phase: Frederiksberg crosses its cluster's average now and then.
      add(code, 'a-dagpenge', period, Math.round((population * (3 + 0.35 * Math.sin(i / 1.7 + PHASE[code]))) / 100));
      // Sygedagpenge mv.: Frederiksberg drifts up towards its 1,8 % ceiling (a trend that crosses it before the horizon);
      // Dragør falls from about 2,2 % (its change goal's baseline is June 2021).
      const sickness = code === '147' ? 1.45 + 0.016 * i + 0.04 * Math.sin(i) : code === '155' ? 2.2 - 0.012 * i + 0.05 * Math.cos(i) : 1.9;
      const total = Math.round((population * sickness) / 100);
      add(code, 'sygedagpenge', period, Math.round(total * 0.9));
      add(code, 'jobafklaringsforloeb', period, total - Math.round(total * 0.9));
    }
  });
  // The ministry benchmark that decides Dragør's conditional goal: not above expected in 2020, above from mid-2021.
  add('155', 'benchmark.faktiske-fuldtidspersoner', '2020QMAT04', 500, 'count');
  add('155', 'benchmark.forventede-fuldtidspersoner', '2020QMAT04', 520, 'count');
  add('155', 'benchmark.faktiske-fuldtidspersoner', '2021QMAT02', 620, 'count');
  add('155', 'benchmark.forventede-fuldtidspersoner', '2021QMAT02', 520, 'count');
  return figures;
}

const GOALS = [
  {
    name: 'Frederiksberg: a-dagpenge under klyngens gennemsnit (hysterese 2)',
    municipality: '147',
    indicator: 'share.a-dagpenge',
    rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
    hysteresis: 2,
  },
  {
    name: 'Frederiksberg: sygedagpenge mv. højst 1,8 % (tendens mod december 2021)',
    municipality: '147',
    indicator: 'share.sygedagpenge-mv',
    rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
    horizon: '2021-12',
  },
  {
    name: 'Dragør: sygedagpenge mv. falder 0,2 pct.-point fra juni 2021 til udgangen af 2022',
    municipality: '155',
    indicator: 'share.sygedagpenge-mv',
    rule: { kind: 'change_by_deadline', baselinePeriod: '2021-06', comparator: 'lte', change: -0.2, deadline: '2022-12' },
  },
  {
    name: 'Dragør: a-dagpenge højst 3 % (fokusmål, gælder kun når faktisk > forventet)',
    municipality: '155',
    indicator: 'share.a-dagpenge',
    rule: { kind: 'threshold', comparator: 'lte', target: 3 },
    applicability: { kind: 'actual_above_expected' },
  },
];

/** A small deterministic generator (mulberry32), so the shuffled order is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const byMonth = (figures: Figure[]) =>
  MONTHS.map((month) =>
    figures.filter((figure) => figure.period === month || (figure.period.includes('QMAT') && endOf(figure.period) === month)),
  );
const endOf = (rollingYear: string) => `${rollingYear.slice(0, 4)}-${String(Number(rollingYear.slice(-2)) * 3).padStart(2, '0')}`;
const chunks = (figures: Figure[], size: number) =>
  Array.from({ length: Math.ceil(figures.length / size) }, (_, i) => figures.slice(i * size, (i + 1) * size));

/** Each order is a list of POST /v1/figures batches. */
const ORDERS: Record<string, (figures: Figure[]) => Figure[][]> = {
  'as published (period order)': (figures) => byMonth(figures),
  reversed: (figures) => byMonth(figures).reverse(),
  'population last': (figures) => [
    ...chunks(
      figures.filter((f) => f.series !== 'befolkning-16-66'),
      60,
    ),
    ...chunks(
      figures.filter((f) => f.series === 'befolkning-16-66'),
      60,
    ),
  ],
  'seeded shuffle (seed 20211130)': (figures) => {
    const random = seeded(20211130);
    const shuffled = [...figures];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    return chunks(shuffled, 40);
  },
};

/** Floats are compared to 9 decimals: a cluster mean may sum its members in another order. */
const round = (value: unknown) => (typeof value === 'number' ? Math.round(value * 1e9) / 1e9 : value);
const roundDeep = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(roundDeep)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]))
      : round(value);

interface Outcome {
  evaluations: unknown[];
  transitions: unknown[];
}

async function replay(order: string, batches: Figure[][]): Promise<Outcome> {
  const world: TestWorld = await createTestWorld({ BENCHMARK_DEBOUNCE_MS: '150', BENCHMARK_MAX_DELAY_MS: '1000' });
  const processes: ServiceProcess[] = [];
  const db = new Client({ connectionString: world.databaseUrl });
  try {
    processes.push(...(await Promise.all(['ingest', 'indicators', 'goals'].map((name) => startServiceProcess(name, world.env)))));
    const [ingest, indicators, goals] = processes;
    const admin = await world.apiKey('admin');
    expect(
      (await apiClient(indicators.baseUrl, admin).put('/v1/clusters/147/share.a-dagpenge', { members: ['101', '157', '159'] })).status,
    ).toBe(200);
    for (const goal of GOALS) {
      expect(
        (await apiClient(goals.baseUrl, admin).post('/v1/goals', { ...goal, owner: { name: 'AUU', email: 'auu@example.dk' } })).status,
      ).toBe(201);
    }
    const integrator = apiClient(ingest.baseUrl, await world.apiKey('integrator'));
    for (const figures of batches) {
      const posted = await integrator.post('/v1/figures', { figures });
      expect([order, posted.status]).toEqual([order, 201]);
    }
    await db.connect();
    const started = Date.now();
    await waitUntil(() => settled(db, world.topicPrefix), 60_000, `the pipeline to settle (${order})`).catch((error) => {
      throw new Error(`${(error as Error).message}; outboxes, queue and lags: ${lastState}\n--- goals ---\n${goals.output().slice(-3000)}`);
    });
    console.log(`${order}: settled ${Date.now() - started} ms after the last POST`);
    const evaluations = await db.query(
      `SELECT g.name AS goal, e.period, e.state, e.raw_state, e.previous_state, e.reason, e.value, e.measured, e.required, e.gap, e.benchmarks,
              e.projection, e.transition, e.explanation
         FROM goals.evaluations e JOIN goals.goals g ON g.id = e.goal_id
        WHERE e.kind = 'judgement' AND e.superseded_at IS NULL ORDER BY g.name, e.period`,
    );
    const transitions = await db.query(
      `SELECT g.name AS goal, t.period, t.from_state, t.to_state, t.kind FROM goals.goal_transitions t JOIN goals.goals g ON g.id = t.goal_id ORDER BY g.name, t.period`,
    );
    return { evaluations: roundDeep(evaluations.rows) as unknown[], transitions: transitions.rows };
  } finally {
    await db.end().catch(() => undefined);
    await Promise.all(processes.map((service) => service.stop()));
    await world.cleanup();
  }
}

/** Nothing in flight: every outbox drained, every figure and reading consumed, no benchmark waiting. */
let lastSeen = '';
let lastState = '';
async function settled(db: Client, prefix: string): Promise<boolean> {
  const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);
  const [figures, readings] = await Promise.all([topicSize(TOPICS.figures, prefix), topicSize(TOPICS.indicators, prefix)]);
  const state = [
    await count(`SELECT count(*) AS n FROM ingest.outbox WHERE published_at IS NULL`),
    await count(`SELECT count(*) AS n FROM indicators.outbox WHERE published_at IS NULL`),
    await count(`SELECT count(*) AS n FROM indicators.benchmark_queue`),
    await count(`SELECT count(*) AS n FROM goals.outbox WHERE published_at IS NULL`),
    figures - (await count(`SELECT count(*) AS n FROM indicators.processed_events`)),
    readings - (await count(`SELECT count(*) AS n FROM goals.processed_events`)),
  ];
  // Quiet twice in a row (the benchmark worker takes a due pair off the queue before it publishes).
  const quiet = state.every((n) => n === 0) && figures > 0;
  lastState = JSON.stringify(state);
  const seen = `${quiet}:${readings}`;
  const stable = quiet && seen === lastSeen;
  lastSeen = seen;
  return stable;
}

describe('the same data gives the same judgement, whatever order it arrives in', () => {
  it('replays one data set in four orders and gets identical evaluations and transitions', async () => {
    const figures = dataSet();
    const outcomes = new Map<string, Outcome>();
    for (const [order, arrange] of Object.entries(ORDERS)) outcomes.set(order, await replay(order, arrange(figures)));

    const [reference, ...others] = [...outcomes.entries()];
    const [, expected] = reference;
    // The data set exercises what it is meant to: baselines, the cluster benchmark, trends, hysteresis, applicability, transitions.
    const reasons = new Set(expected.evaluations.map((row) => (row as { reason: string }).reason));
    const states = new Set(expected.evaluations.map((row) => (row as { state: string }).state));
    expect([...reasons].sort()).toEqual(
      expect.arrayContaining(['applicability_unknown', 'compared', 'not_applicable', 'off_pace', 'trend_crosses_target']),
    );
    expect([...states].sort()).toEqual(expect.arrayContaining(['at_risk', 'breached', 'met', 'not_applicable']));
    expect(
      expected.evaluations.filter((row) => (row as { state: string; raw_state: string }).state !== (row as { raw_state: string }).raw_state)
        .length,
    ).toBeGreaterThan(0);
    expect(expected.evaluations).toHaveLength(4 * 24);
    expect(expected.transitions.length).toBeGreaterThan(2);
    for (const [order, outcome] of others) {
      expect({ order, evaluations: outcome.evaluations }).toEqual({ order, evaluations: expected.evaluations });
      expect({ order, transitions: outcome.transitions }).toEqual({ order, transitions: expected.transitions });
    }
  }, 240_000);
});
