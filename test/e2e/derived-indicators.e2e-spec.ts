import fs from 'node:fs';
import path from 'node:path';
import { apiClient, createTestWorld, ServiceProcess, startServiceProcess, TestWorld, waitUntil } from '@pejling/testing';

const PLANS = path.resolve(__dirname, '../../plans');

interface GoalView {
  id: string;
  planGoalId: string | null;
  state: string;
  statePeriod: string;
  explanation: { da: string; en: string };
}

/**
 * Goals on derived indicators, from raw figures through ingest, indicators and goals (three
 * services as processes): a goal on the change over 12 months of a share, and Dragør's DR-4.2 on
 * the rolling 12-month mean of a plan-declared count.
 */
describe('goals on the 12-month change and the rolling 12-month mean', () => {
  let world: TestWorld;
  const services: Record<string, ServiceProcess> = {};

  beforeAll(async () => {
    world = await createTestWorld();
    for (const name of ['ingest', 'indicators', 'goals']) services[name] = await startServiceProcess(name, world.env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await world?.cleanup();
  });

  it('judges "no rise in the share on Sygedagpenge mv. against the same month last year" on Frederiksberg’s Bilag 1', async () => {
    const admin = apiClient(services.goals.baseUrl, await world.apiKey('admin'));
    const created = await admin.post('/v1/goals', {
      name: 'Andelen på sygedagpenge mv. må ikke stige på et år',
      municipality: '147',
      indicator: 'share.sygedagpenge-mv.change-12m',
      comparator: 'lte',
      target: 0,
      owner: { name: 'Sygedagpengeteamet', email: 'team@frederiksberg.example' },
    });
    expect(created.status).toBe(201);

    // Bilag 1: Sygedagpenge mv. July 2020 1.136 (904 + 232), July 2021 1.323 (1.217 + 106) full-time persons of about 70.400.
    const figure = (series: string, period: string, value: number) => ({
      municipality: '147',
      series,
      period,
      value,
      unit: series === 'befolkning-16-66' ? 'persons' : 'full-time-persons',
      source: 'jobindsats',
    });
    const ingest = apiClient(services.ingest.baseUrl, await world.apiKey('integrator'));
    const posted = await ingest.post('/v1/figures', {
      figures: [
        figure('sygedagpenge', '2020-07', 904),
        figure('jobafklaringsforloeb', '2020-07', 232),
        figure('befolkning-16-66', '2020-07', 70400),
        figure('sygedagpenge', '2021-07', 1217),
        figure('jobafklaringsforloeb', '2021-07', 106),
        figure('befolkning-16-66', '2021-07', 70400),
      ],
    });
    expect(posted.status).toBe(201);

    const goal = async () =>
      ((await admin.get('/v1/goals?municipality=147')).body as GoalView[]).find((candidate) => candidate.id === created.body.id)!;
    await waitUntil(async () => (await goal()).statePeriod === '2021-07', 60_000, 'the goal judged for 2021-07');
    expect(await goal()).toMatchObject({
      state: 'breached',
      explanation: {
        da: 'Ændringen i andelen på sygedagpenge mv. over 12 måneder var 0,3 pct.-point i juli 2021 mod målet ≤ 0,0 pct.-point: 0,3 pct.-point over målet. Målet er ikke opfyldt.',
        en: 'The 12-month change in the share on sickness benefit etc. was 0.3 percentage points in July 2021 against the target ≤ 0.0 percentage points: 0.3 percentage points above the target. The goal is not met.',
      },
    });

    // July 2020 revised down to 1.036: the change of July 2021 is judged again on the revised year.
    expect((await ingest.post('/v1/figures', { figures: [figure('sygedagpenge', '2020-07', 804)] })).status).toBe(201);
    const evaluations = async () =>
      (await admin.get(`/v1/goals/${created.body.id}/evaluations`)).body as { period: string; value: number }[];
    await waitUntil(
      async () =>
        (await evaluations()).some(
          (evaluation) => evaluation.period === '2021-07' && Math.abs(evaluation.value - (100 * 287) / 70400) < 1e-9,
        ),
      60_000,
      'the revised 2021-07 evaluation',
    );
  }, 120_000);

  it('judges Dragør DR-4.2 ("i gennemsnit hver måned 50 nye jobordrer") on the rolling 12-month mean of the posted monthly counts', async () => {
    const admin = await world.apiKey('admin');
    const put = await fetch(`${services.goals.baseUrl}/v1/plans/dragoer-2022-2023`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/yaml' },
      body: fs.readFileSync(path.join(PLANS, 'dragoer-2022-2023.yaml'), 'utf8'),
    });
    expect(put.status).toBe(201);
    // 40 in January, 52 in December and 46 in every month between: 552 job orders, 46 a month.
    const orders = Array.from({ length: 12 }, (_, i) => (i === 0 ? 40 : i === 11 ? 52 : 46));
    const ingest = apiClient(services.ingest.baseUrl, await world.apiKey('integrator'));
    const posted = await ingest.post('/v1/figures', {
      figures: orders.map((value, i) => ({
        municipality: '155',
        series: 'count.nye-jobordrer',
        period: `2021-${String(i + 1).padStart(2, '0')}`,
        value,
        unit: 'count',
        source: 'egen opgørelse',
      })),
    });
    expect(posted.status).toBe(201);
    const goals = apiClient(services.goals.baseUrl, admin);
    const dr42 = async () =>
      ((await goals.get('/v1/goals?municipality=155')).body as GoalView[]).find((goal) => goal.planGoalId === 'DR-4.2')!;
    await waitUntil(async () => (await dr42()).statePeriod === '2021-12', 60_000, 'DR-4.2 judged for 2021-12');
    expect(await dr42()).toMatchObject({
      state: 'breached',
      explanation: {
        da: '12-måneders gennemsnittet af nye jobordrer pr. måned var 46 i december 2021 mod målet ≥ 50: 4 under målet. Målet er ikke opfyldt.',
      },
    });
  }, 120_000);
});
