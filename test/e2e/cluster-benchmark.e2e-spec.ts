import { TOPICS } from '@pejling/contracts';
import { apiClient, asMessage, createTestWorld, figureRecordedEvent, produceRaw, ServiceProcess, startServiceProcess, TestWorld, TopicProbe } from '@pejling/testing';

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
      Object.entries(shares).flatMap(([code, count]) => [message(figure(code, 'befolkning-16-66', POPULATION)), message(figure(code, 'a-dagpenge', count))]),
    );
    const goalsApi = apiClient(goals.baseUrl, admin);
    // Peers land on different partitions, so the cluster average settles once all three are in.
    const settled = 'Andelen på A-dagpenge var 3,0 % i juli 2021 mod klyngens 3,2 %: 0,2 pct.-point under. Målet er opfyldt.';
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
    expect(breach.event).toMatchObject({ municipality: '147', payload: { goalId: goal.body.id, state: 'breached', benchmarks: { cluster: expect.closeTo(2.8, 6) } } });
    const evaluations = (await goalsApi.get(`/v1/goals/${goal.body.id}/evaluations`)).body;
    expect(evaluations[0]).toMatchObject({ state: 'breached', reason: 'compared', current: true, benchmarks: { cluster: expect.closeTo(2.8, 6) } });
    expect(evaluations[0].explanation.en).toBe('The share of people on unemployment insurance benefit was 3.0 % in July 2021 against the cluster average of 2.8 %: 0.2 percentage points above. The goal is not met.');
  }, 60_000);
});

async function waitForExplanation(api: ReturnType<typeof apiClient>, goalId: string, da: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const goal = (await api.get(`/v1/goals/${goalId}`)).body;
    if (goal.explanation?.da === da) return;
    if (Date.now() > deadline) throw new Error(`explanation stayed "${goal.explanation?.da}", expected "${da}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForState(api: ReturnType<typeof apiClient>, goalId: string, state: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const goal = (await api.get(`/v1/goals/${goalId}`)).body;
    if (goal.state === state) return;
    if (Date.now() > deadline) throw new Error(`goal stayed ${goal.state}, expected ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
