import { TOPICS } from '@pejling/contracts';
import { apiClient, asMessage, createTestWorld, indicatorComputedEvent, produceRaw, RunningService, sleep, startService, TestWorld, TopicProbe, topicSize, waitUntil } from '@pejling/testing';
import { goalsApp } from './goals.app';

const share = (value: number, period: string, previousValue: number | null = null) => indicatorComputedEvent(value, period, { previousValue });
const message = asMessage;

const goal = {
  name: 'Mål E: sygedagpenge mv. højst 1,8 %',
  municipality: '147',
  indicator: 'share.sygedagpenge-mv',
  comparator: 'lte',
  target: 1.8,
  owner: { name: 'Sygedagpengeteamet', email: 'team@frederiksberg.example', webhookUrl: 'https://hooks.example/pejling' },
};

describe('goals service (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let service: RunningService;
  let transitions: TopicProbe;
  let admin: ReturnType<typeof apiClient>;
  let goalId: string;

  beforeAll(async () => {
    world = await createTestWorld();
    transitions = await TopicProbe.start(TOPICS.goalTransitions, world.topicPrefix);
    service = await startService(goalsApp, world.env);
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
  });

  afterAll(async () => {
    await transitions?.stop();
    await service?.close();
    await world?.cleanup();
  });

  it('creates a goal with no data yet', async () => {
    const created = await admin.post('/v1/goals', goal);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: goal.name, indicator: 'share.sygedagpenge-mv', state: 'no_data', owner: goal.owner });
    goalId = created.body.id;
  });

  it('rejects an invalid goal naming every bad field', async () => {
    const response = await admin.post('/v1/goals', { ...goal, municipality: '998', comparator: 'below', target: 'x', owner: { name: 'A', webhookUrl: 'ftp://x' } });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['comparator', 'municipality', 'owner.webhookUrl', 'target']);
    expect((await admin.post('/v1/goals', { ...goal, owner: { name: 'No channel' } })).body.errors).toEqual([
      { field: 'owner.email', reason: 'needs an email or a webhookUrl to be alerted on' },
    ]);
    expect((await admin.post('/v1/goals', [])).status).toBe(400);
  });

  it('lets only admins change goals', async () => {
    const operator = apiClient(service.baseUrl, await world.apiKey('operator'));
    expect((await operator.post('/v1/goals', goal)).status).toBe(403);
    expect((await operator.get(`/v1/goals/${goalId}`)).status).toBe(200);
    expect((await operator.get('/v1/goals/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const malformed = await admin.patch('/v1/goals/42', { target: 2 });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ field: 'id', message: "id must be a UUID (got '42')" });
    expect((await operator.get('/v1/goals/42/evaluations')).status).toBe(400);
    const repeated = await operator.get('/v1/goals?municipality=147&municipality=101');
    expect(repeated.status).toBe(400);
    expect(repeated.body.message).toBe("query parameter 'municipality' must be given once, as a plain value");
  });

  it('publishes a breach with the explanation, once, even when the indicator event is redelivered', async () => {
    const july = share(1.8793, '2021-07');
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(july)]);
    const [breach] = await transitions.waitFor((all) => all.length >= 1);
    expect(breach.key).toBe('147');
    expect(breach.event).toMatchObject({
      type: 'goal.breached',
      payload: { goalId, transition: 'breach', state: 'breached', previousState: null, period: '2021-07', owner: goal.owner },
    });
    expect((breach.event!.payload as { explanation: { da: string } }).explanation.da).toContain('1,9 %');

    const before = await topicSize(TOPICS.goalTransitions, world.topicPrefix);
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(july), message(share(1.95, '2021-07', 1.8793))]);
    await waitForEvaluations(service, goalId, 2);
    await sleep(300);
    // Still breached: no second breach, and the redelivered event made no evaluation of its own.
    expect(await topicSize(TOPICS.goalTransitions, world.topicPrefix)).toBe(before);
    const evaluations = await admin.get(`/v1/goals/${goalId}/evaluations`);
    expect(evaluations.body).toHaveLength(2);
    expect(evaluations.body[0]).toMatchObject({ period: '2021-07', state: 'breached', previousState: 'breached', transition: null, inputs: { denominator: 70400 } });
  });

  it('publishes a recovery when a later period meets the target', async () => {
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(share(1.73, '2021-08'))]);
    const all = await transitions.waitFor((messages) => messages.length >= 2);
    expect(all[1].event).toMatchObject({ type: 'goal.recovered', payload: { transition: 'recovery', state: 'met', previousState: 'breached', period: '2021-08' } });
    expect((await admin.get(`/v1/goals/${goalId}`)).body).toMatchObject({ state: 'met', statePeriod: '2021-08' });
  });

  it('reads ranks the right way round for a higher-is-better goal (best in the cluster = highest value)', async () => {
    const best = await admin.post('/v1/goals', { ...goal, name: 'Bedst i klyngen', rule: { kind: 'rank', within: 'cluster', maxRank: 1 }, direction: 'higher_is_better' });
    const highest = share(1.9, '2021-09');
    (highest.payload as { rank: object }).rank = { country: 98, countryOf: 98, cluster: 4, clusterOf: 4 };
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(highest)]);
    await waitForEvaluations(service, best.body.id, 2); // the first was made at creation, on August's reading without ranks
    expect((await admin.get(`/v1/goals/${best.body.id}`)).body).toMatchObject({ state: 'met', statePeriod: '2021-09' });
  });

  it('evaluates a new goal at once against the latest known value', async () => {
    const strict = await admin.post('/v1/goals', { ...goal, name: 'Strengere mål', target: 1.5 });
    expect(strict.body).toMatchObject({ state: 'breached', statePeriod: '2021-09' });
    expect(strict.body.explanation.en).toMatch(/0\.4 percentage points above the target/);
  });

  it('judges an indicator that arrives during a rule change by the new rule, never by the one being replaced', async () => {
    const created = await admin.post('/v1/goals', { ...goal, name: 'Mål under ændring', target: 5 });
    const id = created.body.id;
    // A PATCH in flight, held open: the rule becomes ≤ 1,0 % and a new version is recorded in the same transaction.
    const patch = await service.dataSource.createQueryRunner();
    await patch.connect();
    await patch.startTransaction();
    try {
      await patch.query(`UPDATE goals SET rule = '{"kind":"threshold","comparator":"lte","target":1}' WHERE id = $1`, [id]);
      await patch.query(
        `INSERT INTO goal_versions (goal_id, version, spec, effective_from, author)
         SELECT goal_id, 2, jsonb_set(spec, '{rule}', '{"kind":"threshold","comparator":"lte","target":1}'), '2000-01', 'test' FROM goal_versions WHERE goal_id = $1`,
        [id],
      );
      await produceRaw(TOPICS.indicators, world.topicPrefix, [message(share(1.6, '2021-10'))]);
      await sleep(1500);
      const [{ n }] = await service.dataSource.query(`SELECT count(*)::int AS n FROM evaluations WHERE goal_id = $1 AND period = '2021-10'`, [id]);
      expect(n).toBe(0); // waiting for the change to commit
      await patch.commitTransaction();
    } finally {
      await patch.release();
    }
    await waitUntil(async () => (await admin.get(`/v1/goals/${id}`)).body.statePeriod === '2021-10', 15_000, 'the October evaluation');
    expect((await admin.get(`/v1/goals/${id}`)).body).toMatchObject({ state: 'breached', rule: { target: 1 } });
  });
});

async function waitForEvaluations(service: RunningService, goalId: string, count: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM evaluations WHERE goal_id = $1', [goalId]);
    if (n >= count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} evaluations, have ${n}`);
    await sleep(100);
  }
}

describe('staleness (publication calendar, Bull repeatable job)', () => {
  let world: TestWorld;
  let service: RunningService;

  beforeAll(async () => {
    world = await createTestWorld({ STALENESS_CHECK_EVERY_MS: '600000' });
    service = await startService(goalsApp, world.env);
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  it('marks a goal stale when its newest figure is older than the calendar allows, keeping the judged state for alerts', async () => {
    const admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    const created = await admin.post('/v1/goals', goal);
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(share(1.8793, '2021-07'))]);
    await waitForEvaluations(service, created.body.id, 1);
    expect((await admin.get(`/v1/goals/${created.body.id}`)).body.state).toBe('breached');

    const { StalenessChecker } = await import('./staleness/staleness-checker');
    const checker = service.nest.get(StalenessChecker);
    expect(await checker.check(new Date('2021-09-15T00:00:00Z'))).toBe(0); // July is still due in September
    expect(await checker.check(new Date('2021-11-15T00:00:00Z'))).toBe(1);
    const stale = (await admin.get(`/v1/goals/${created.body.id}`)).body;
    expect(stale).toMatchObject({ state: 'stale', statePeriod: '2021-07' });
    expect(stale.explanation.da).toBe('Seneste tal er fra juli 2021; nyere tal skulle være offentliggjort.');
    const [{ last_judged_state }] = await service.dataSource.query('SELECT last_judged_state FROM goal_states WHERE goal_id = $1', [created.body.id]);
    expect(last_judged_state).toBe('breached');
    expect(await checker.check(new Date('2021-12-15T00:00:00Z'))).toBe(0); // already stale
  });
});
