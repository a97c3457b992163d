import fs from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  indicatorComputedEvent,
  produceRaw,
  RunningService,
  startService,
  TestWorld,
  TopicProbe,
  waitUntil,
} from '@pejling/testing';
import { goalsApp } from './goals.app';

const PLANS = path.resolve(__dirname, '../../../plans');

/** Plans declare their municipality's clusters; national goals need a national figure that is one (real PostgreSQL and Kafka). */
describe('plan clusters and national coverage in goals', () => {
  let world: TestWorld;
  let service: RunningService;
  let plans: TopicProbe;
  let evaluations: TopicProbe;

  beforeAll(async () => {
    world = await createTestWorld();
    plans = await TopicProbe.start(TOPICS.plans, world.topicPrefix);
    evaluations = await TopicProbe.start(TOPICS.goalEvaluations, world.topicPrefix);
    service = await startService(goalsApp, world.env);
  });

  afterAll(async () => {
    await plans?.stop();
    await evaluations?.stop();
    await service?.close();
    await world?.cleanup();
  });

  const putPlan = async (text: string, query = '') => {
    const response = await fetch(`${service.baseUrl}/v1/plans/frederiksberg-2022${query}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await world.apiKey('admin')}`, 'content-type': 'application/yaml' },
      body: text,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("publishes the plan's clusters with its version, keyed by municipality; an unchanged or cluster-neutral version publishes none; a removed cluster is declared removed", async () => {
    const text = fs.readFileSync(path.join(PLANS, 'frederiksberg-2022.yaml'), 'utf8');
    expect((await putPlan(text)).status).toBe(201);
    const [first] = await plans.waitFor((all) => all.length >= 1);
    expect(first.key).toBe('147');
    expect(first.event).toMatchObject({ type: 'plan.clusters-declared', version: 1 });
    const payload = first.event!.payload as {
      planId: string;
      planVersion: number;
      effectiveFrom: string;
      clusters: { indicatorId: string; members: string[]; from: string }[];
      removed: unknown[];
    };
    expect(payload).toMatchObject({
      planId: 'frederiksberg-2022',
      planVersion: 1,
      municipality: '147',
      effectiveFrom: '2022-01',
      removed: [],
    });
    expect(payload.clusters).toHaveLength(8);
    expect(payload.clusters.find((cluster) => cluster.indicatorId === 'share.sygedagpenge-mv')).toEqual({
      indicatorId: 'share.sygedagpenge-mv',
      members: ['157', '173', '230'],
      from: '2015-01',
    });

    // The same plan again: nothing; a version that only changes a goal's text: a version, but no cluster event.
    expect((await putPlan(text)).status).toBe(200);
    expect(
      (
        await putPlan(
          text.replace('Alle ydelser under ét – Frederiksberg', 'Alle ydelser under ét – ja, Frederiksberg'),
          '?effectiveFrom=2022-03',
        )
      ).body,
    ).toMatchObject({ version: 2 });
    // Version 3 drops the a-dagpenge cluster (Mål D then has no cluster from 2022-06).
    const without = text.replace(/^ {2}share\.a-dagpenge: .*\n/m, '');
    expect(without).not.toBe(text);
    expect(
      (
        await putPlan(
          without.replace('Alle ydelser under ét – Frederiksberg', 'Alle ydelser under ét – ja, Frederiksberg'),
          '?effectiveFrom=2022-06',
        )
      ).body,
    ).toMatchObject({ version: 3 });
    const all = await plans.waitFor((messages) => messages.length >= 2);
    expect(all).toHaveLength(2);
    expect(all[1].event!.payload).toMatchObject({
      planVersion: 3,
      effectiveFrom: '2022-06',
      removed: [{ indicatorId: 'share.a-dagpenge', from: '2022-06' }],
    });
    expect((all[1].event!.payload as { clusters: unknown[] }).clusters).toHaveLength(7);
    // Outbox and plan version in one transaction: both committed, and the outbox is drained.
    await waitUntil(
      async () => (await service.dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n === 0,
      20_000,
      'the outbox drained',
    );
  });

  it('refuses a plan whose cluster has fewer than two members besides the municipality, naming the path, and stores nothing', async () => {
    const text = fs
      .readFileSync(path.join(PLANS, 'frederiksberg-2022.yaml'), 'utf8')
      .replace(/share\.sygedagpenge-mv: \{ members: \['157', '173', '230'\]/, "share.sygedagpenge-mv: { members: ['147', '157']");
    const refused = await putPlan(text, '?effectiveFrom=2022-09');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual({
      path: 'clusters.share.sygedagpenge-mv',
      line: expect.any(Number),
      column: expect.any(Number),
      message: expect.stringMatching(/at least 2 members besides the municipality 147 \(got 1\)/),
    });
    expect(
      (await service.dataSource.query(`SELECT max(version)::int AS v FROM plan_versions WHERE plan_id = 'frederiksberg-2022'`))[0].v,
    ).toBe(3);
  });

  it('does not judge a goal against a national average of 1 of 98 municipalities, and says why; a complete one is judged', async () => {
    const admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    const created = await admin.post('/v1/goals', {
      name: 'Under landsgennemsnittet (sygedagpenge mv.)',
      municipality: '101',
      indicator: 'share.sygedagpenge-mv',
      rule: { kind: 'benchmark', benchmark: 'national', comparator: 'lt', offsetPp: 0 },
      owner: { name: 'Jobcenter København', email: 'jobcenter@kk.example' },
    });
    expect(created.status).toBe(201);
    const goalId = created.body.id as string;
    await produceRaw(TOPICS.indicators, world.topicPrefix, [
      asMessage(indicatorComputedEvent(1.7, '2021-07', { municipality: '101', national: 1.7, nationalCoverage: 1 })),
    ]);
    const judged = (period: string) => async () =>
      (await admin.get(`/v1/goals/${goalId}/evaluations`)).body.some((evaluation: { period: string }) => evaluation.period === period);
    await waitUntil(judged('2021-07'), 20_000, 'the July evaluation');
    const [july] = (await admin.get(`/v1/goals/${goalId}/evaluations`)).body;
    expect(july).toMatchObject({ state: 'no_data', rawState: 'no_data', reason: 'national_incomplete' });
    expect(july.explanation).toEqual({
      da: 'Der er kun tal for 1 af 98 kommuner; landsgennemsnittet kan ikke beregnes.',
      en: 'There are figures for only 1 of 98 municipalities; the national average cannot be computed.',
    });
    const published = await evaluations.waitFor((all) =>
      all.some((message) => (message.event?.payload as { goalId: string }).goalId === goalId),
    );
    expect(published.find((message) => (message.event?.payload as { goalId: string }).goalId === goalId)?.event).toMatchObject({
      version: 4,
      payload: {
        reason: 'national_incomplete',
        benchmarks: { national: 1.7, nationalBasis: { source: 'municipalities', municipalities: 1, of: 98 }, clusterBasis: null },
      },
    });

    await produceRaw(TOPICS.indicators, world.topicPrefix, [
      asMessage(indicatorComputedEvent(1.7, '2021-08', { municipality: '101', national: 1.9 })),
    ]);
    await waitUntil(judged('2021-08'), 20_000, 'the August evaluation');
    const august = (await admin.get(`/v1/goals/${goalId}/evaluations`)).body.find(
      (evaluation: { period: string }) => evaluation.period === '2021-08',
    );
    expect(august).toMatchObject({ state: 'met', reason: 'compared' });
    expect(august.explanation.da).toContain('mod landsgennemsnittet på 1,9 %');
  });
});
