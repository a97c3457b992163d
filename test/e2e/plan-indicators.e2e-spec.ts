import fs from 'node:fs';
import path from 'node:path';
import { apiClient, createTestWorld, ServiceProcess, startServiceProcess, TestWorld, waitUntil } from '@pejling/testing';

const PLANS = path.resolve(__dirname, '../../plans');

/**
 * Goals whose data Jobindsats does not publish: the plan declares the indicator, an analyst posts
 * its figures through ingest, and the goal is judged on them (four services as processes).
 */
describe('plan-declared indicators and ready-made benchmarks fed through ingest', () => {
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

  it('judges Frederikssund 6a (survey) and BP21 (companies contacted, cumulative) on posted figures', async () => {
    const admin = await world.apiKey('admin');
    const put = await fetch(`${services.goals.baseUrl}/v1/plans/frederikssund-2022`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/yaml' },
      body: fs.readFileSync(path.join(PLANS, 'frederikssund-2022.yaml'), 'utf8'),
    });
    expect(put.status).toBe(201);

    const figure = (series: string, period: string, value: number, unit: string) => ({
      municipality: '250',
      series,
      period,
      value,
      unit,
      source: 'egen opgørelse',
    });
    const posted = await apiClient(services.ingest.baseUrl, await world.apiKey('integrator')).post('/v1/figures', {
      figures: [
        figure('survey.virksomhedstilfredshed', '2020-12', 90, 'percent'),
        // 216 companies by the end of September 2021, 24 a month (Frederikssund's own count).
        ...Array.from({ length: 9 }, (_, i) => figure('companies.kontaktede-nye-virksomheder', `2021-0${i + 1}`, 24, 'count')),
      ],
    });
    expect(posted.status).toBe(201);

    const goals = apiClient(services.goals.baseUrl, admin);
    const find = async (planGoalId: string) =>
      (
        (await goals.get('/v1/goals?municipality=250')).body as {
          planGoalId: string;
          state: string;
          statePeriod: string;
          explanation: { da: string; en: string };
        }[]
      ).find((goal) => goal.planGoalId === planGoalId)!;
    await waitUntil(
      async () => (await find('Resultatmål 6a')).state === 'met' && (await find('BP21')).statePeriod === '2021-09',
      30_000,
      'Resultatmål 6a met and BP21 judged for 2021-09',
    );

    expect((await find('Resultatmål 6a')).explanation.en).toBe(
      'The share of companies satisfied with the service was 90.0 % in December 2020 against the target ≥ 85.0 %: 5.0 percentage points above the target. The goal is met.',
    );
    const bp21 = await find('BP21');
    expect(bp21.state).toBe('at_risk');
    expect(bp21.explanation.da).toBe(
      'Kontaktede nye virksomheder: 216 i alt til og med september 2021 mod målet 450 senest december 2021 (tempo-krav nu: 338). Målet er i risiko for ikke at blive nået.',
    );
  }, 60_000);

  it('applies a STAR focus goal only where the ministry benchmark says actual > expected (Dragør DR-3.2)', async () => {
    const admin = await world.apiKey('admin');
    const put = await fetch(`${services.goals.baseUrl}/v1/plans/dragoer-2022-2023`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/yaml' },
      body: fs.readFileSync(path.join(PLANS, 'dragoer-2022-2023.yaml'), 'utf8'),
    });
    expect(put.status).toBe(201);
    const ingest = apiClient(services.ingest.baseUrl, await world.apiKey('integrator'));
    const figure = (series: string, period: string, value: number, unit: string) => ({
      municipality: '155',
      series,
      period,
      value,
      unit,
      source: 'jobindsats',
    });
    const goals = apiClient(services.goals.baseUrl, admin);
    const dr32 = async () =>
      ((await goals.get('/v1/goals?municipality=155')).body as { planGoalId: string; state: string; explanation: { da: string } }[]).find(
        (goal) => goal.planGoalId === 'DR-3.2',
      )!;

    // Benchmark Jul 2020-Jun 2021: 620 actual vs 520 expected full-time persons, so the focus goal applies; 35 % is not compliant.
    expect(
      (
        await ingest.post('/v1/figures', {
          figures: [
            figure('benchmark.faktiske-fuldtidspersoner', '2021-06', 620, 'count'),
            figure('benchmark.forventede-fuldtidspersoner', '2021-06', 520, 'count'),
            figure('star.fokusmaal-1-uden-aktivt-tilbud', '2021-06', 35, 'percent'),
          ],
        })
      ).status,
    ).toBe(201);
    await waitUntil(async () => (await dr32()).state === 'breached', 30_000, 'DR-3.2 breached');

    // The next focus-goal figure first, then a benchmark where actual ≤ expected: the benchmark alone re-judges the goal.
    await ingest.post('/v1/figures', { figures: [figure('star.fokusmaal-1-uden-aktivt-tilbud', '2021-12', 35, 'percent')] });
    await ingest.post('/v1/figures', {
      figures: [
        figure('benchmark.faktiske-fuldtidspersoner', '2021-12', 500, 'count'),
        figure('benchmark.forventede-fuldtidspersoner', '2021-12', 520, 'count'),
      ],
    });
    await waitUntil(async () => (await dr32()).state === 'not_applicable', 30_000, 'DR-3.2 not applicable');
    expect((await dr32()).explanation.da).toBe('Målet gælder ikke: den faktiske værdi (500) er ikke over den forventede (520).');
  }, 60_000);
});
