import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  figureRecordedEvent,
  produceRaw,
  ServiceProcess,
  startServiceProcess,
  TestWorld,
  TopicProbe,
  waitUntil,
} from '@pejling/testing';

const POPULATION = 100_000;

const figure = figureRecordedEvent;
const message = asMessage;

/**
 * Benchmarks computed from data, over the real broker: a peer's revised figure moves the cluster
 * average, and the goals of the municipality benchmarked against that cluster are judged again.
 */
describe('a peer municipality’s revised figure re-evaluates goals judged against the cluster average', () => {
  let world: TestWorld;
  let indicators: ServiceProcess;
  let goals: ServiceProcess;
  let transitions: TopicProbe;

  beforeAll(async () => {
    world = await createTestWorld();
    transitions = await TopicProbe.start(TOPICS.goalTransitions, world.topicPrefix);
    [indicators, goals] = await Promise.all([startServiceProcess('indicators', world.env), startServiceProcess('goals', world.env)]);
  }, 60_000);

  afterAll(async () => {
    await transitions?.stop();
    await goals?.stop();
    await indicators?.stop();
    await world?.cleanup();
  });

  it('turns Frederiksberg from met to breached when a peer revises its a-dagpenge figure down', async () => {
    const admin = await world.apiKey('admin');
    const clusters = apiClient(indicators.baseUrl, admin);
    expect((await clusters.put('/v1/clusters/147/share.a-dagpenge', { members: ['101', '999'] })).body.errors).toEqual([
      { field: 'members.1', reason: 'is not a Danish municipality code' },
    ]);
    expect((await clusters.put('/v1/clusters/147/share.a-dagpenge', { members: ['101', '157', '159'] })).status).toBe(200);

    const goal = await apiClient(goals.baseUrl, admin).post('/v1/goals', {
      name: 'Mål D: andelen på a-dagpenge under klyngens gennemsnit',
      municipality: '147',
      indicator: 'share.a-dagpenge',
      rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
      owner: { name: 'AUU', email: 'auu@frederiksberg.example' },
    });
    expect(goal.status).toBe(201);

    // Frederiksberg 3,0 %; peers 3,5 %, 3,2 % and 2,9 %: cluster average 3,2 %, so the goal is met.
    const shares: Record<string, number> = { '147': 3000, '101': 3500, '157': 3200, '159': 2900 };
    await produceRaw(
      TOPICS.figures,
      world.topicPrefix,
      Object.entries(shares).flatMap(([code, count]) => [
        message(figure(code, 'befolkning-16-66', POPULATION)),
        message(figure(code, 'a-dagpenge', count)),
      ]),
    );
    const goalsApi = apiClient(goals.baseUrl, admin);
    // Peers land on different partitions, so the cluster average settles once all three are in.
    const settled = 'Andelen på A-dagpenge var 3,0 % i juli 2021 mod klyngens gennemsnit på 3,2 %: 0,2 pct.-point under. Målet er opfyldt.';
    await waitForExplanation(goalsApi, goal.body.id, settled);
    expect((await goalsApi.get(`/v1/goals/${goal.body.id}`)).body).toMatchObject({ state: 'met', explanation: { da: settled } });

    // Peer 157 revises 3.200 → 2.000: the cluster average falls to 2,8 %, below Frederiksberg.
    await produceRaw(TOPICS.figures, world.topicPrefix, [message(figure('157', 'a-dagpenge', 2000, '2021-07', 3200))]);
    await waitForState(goalsApi, goal.body.id, 'breached');
    // While the peers' figures were still arriving, an interim cluster average may already have breached the goal for
    // July (then judged met once all peers were in: a correction); the revision's breach is then a correction too.
    const byRevision = (m: { event?: { type: string; payload: unknown } }) =>
      (m.event?.type === 'goal.breached' || m.event?.type === 'goal.corrected') &&
      (m.event.payload as { state: string }).state === 'breached' &&
      Math.abs(((m.event.payload as { benchmarks: { cluster: number } }).benchmarks.cluster ?? 0) - 2.8) < 1e-6;
    await transitions.waitFor((all) => all.some(byRevision));
    const breach = transitions.messages.find(byRevision)!;
    expect(breach.event).toMatchObject({
      municipality: '147',
      payload: { goalId: goal.body.id, state: 'breached', benchmarks: { cluster: expect.closeTo(2.8, 6) } },
    });
    const evaluations = (await goalsApi.get(`/v1/goals/${goal.body.id}/evaluations`)).body;
    expect(evaluations[0]).toMatchObject({
      state: 'breached',
      reason: 'compared',
      current: true,
      benchmarks: { cluster: expect.closeTo(2.8, 6) },
    });
    expect(evaluations[0].explanation.en).toBe(
      'The share of people on unemployment insurance benefit was 3.0 % in July 2021 against the cluster average of 2.8 %: 0.2 percentage points above. The goal is not met.',
    );
  }, 60_000);

  it("judges a plan's cluster goal against the members the plan declares, PUT to goals, end to end through the broker", async () => {
    const admin = await world.apiKey('admin');
    const goalsApi = apiClient(goals.baseUrl, admin);
    // Dragør's sickness-benefit goal against a cluster of Tårnby, Vallensbæk and Greve, from January 2021.
    const plan = {
      id: 'e2e-klynge-2022',
      municipality: '155',
      title: 'Klyngemål (e2e)',
      years: [2022],
      source: { document: 'e2e', committee: 'Beskæftigelsesudvalget' },
      clusters: { 'share.sygedagpenge-mv': { members: ['185', '187', '253'], from: '2021-01' } },
      focusAreas: [
        {
          id: 'ydelser',
          title: 'Ydelser',
          goals: [
            {
              id: 'K-1',
              text: 'Andelen på sygedagpenge mv. skal være under klyngens gennemsnit',
              indicator: 'share.sygedagpenge-mv',
              rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
              direction: 'lower_is_better',
              evaluationPeriod: 'month',
              owners: [{ name: 'Beskæftigelsesudvalget' }],
            },
          ],
        },
      ],
    };
    expect((await goalsApi.put(`/v1/plans/${plan.id}`, plan)).status).toBe(201);
    const [goal] = (await goalsApi.get('/v1/goals?municipality=155')).body;
    expect(goal).toMatchObject({ planId: plan.id, planGoalId: 'K-1' });
    // The cluster reached indicators from the plan (plan.clusters-declared), with its source and month.
    const clusters = apiClient(indicators.baseUrl, admin);
    await waitUntil(
      async () => (await clusters.get('/v1/clusters')).body.some((cluster: { municipality: string }) => cluster.municipality === '155'),
      30_000,
      'the plan cluster in indicators',
    );
    expect((await clusters.get('/v1/clusters')).body).toContainEqual(
      expect.objectContaining({
        municipality: '155',
        indicatorId: 'share.sygedagpenge-mv',
        members: ['185', '187', '253'],
        source: 'plan',
        planId: plan.id,
        planVersion: 1,
        effectiveFrom: '2021-01',
      }),
    );
    expect((await clusters.put('/v1/clusters/155/share.sygedagpenge-mv', { members: ['101', '157'] })).status).toBe(409);

    // Dragør 2,0 %; members 2,5 % and 2,3 % (Greve not yet in); København 1,0 % is no member and does not count.
    const counts: Record<string, number> = { '155': 1800, '185': 2300, '187': 2100, '101': 800 };
    const sickness = (code: string, count: number) => [
      message(figure(code, 'befolkning-16-66', POPULATION)),
      message(figure(code, 'sygedagpenge', count)),
      message(figure(code, 'jobafklaringsforloeb', 200)),
    ];
    await produceRaw(
      TOPICS.figures,
      world.topicPrefix,
      Object.entries(counts).flatMap(([code, count]) => sickness(code, count)),
    );
    // Up to a minute: a consumer-group rebalance on a busy broker can hold a partition for a session timeout (30 s).
    await waitForExplanation(
      goalsApi,
      goal.id,
      'Andelen på Sygedagpenge mv. var 2,0 % i juli 2021 mod klyngens gennemsnit (2 af 3 kommuner) på 2,4 %: 0,4 pct.-point under. Målet er opfyldt.',
      60_000,
    );
    // Greve (2,6 %) arrives: the cluster is complete, 2,47 %.
    await produceRaw(TOPICS.figures, world.topicPrefix, sickness('253', 2400));
    await waitForExplanation(
      goalsApi,
      goal.id,
      'Andelen på Sygedagpenge mv. var 2,0 % i juli 2021 mod klyngens gennemsnit på 2,5 %: 0,5 pct.-point under. Målet er opfyldt.',
      60_000,
    );
    const [latest] = (await goalsApi.get(`/v1/goals/${goal.id}/evaluations`)).body;
    expect(latest).toMatchObject({
      state: 'met',
      reason: 'compared',
      benchmarks: {
        cluster: expect.closeTo((2.5 + 2.3 + 2.6) / 3, 6),
        clusterBasis: { source: 'plan', planId: plan.id, planVersion: 1, effectiveFrom: '2021-01', members: 3, withData: 3 },
      },
    });
  }, 180_000);
});

async function waitForExplanation(api: ReturnType<typeof apiClient>, goalId: string, da: string, timeoutMs = 30_000) {
  let seen: string | undefined;
  await waitUntil(
    async () => (seen = (await api.get(`/v1/goals/${goalId}`)).body.explanation?.da) === da,
    timeoutMs,
    () => `the explanation "${da}" (it stayed "${seen}")`,
  ).catch(async (error: Error) => {
    const evaluations = (await api.get(`/v1/goals/${goalId}/evaluations`)).body as { period: string; explanation: { da: string } }[];
    throw new Error(`${error.message} (evaluations: ${evaluations.map((e) => `${e.period}: ${e.explanation.da}`).join(' | ') || 'none'})`);
  });
}

async function waitForState(api: ReturnType<typeof apiClient>, goalId: string, state: string) {
  let seen: string | undefined;
  await waitUntil(
    async () => (seen = (await api.get(`/v1/goals/${goalId}`)).body.state) === state,
    30_000,
    () => `the goal to be ${state} (it stayed ${seen})`,
  );
}
