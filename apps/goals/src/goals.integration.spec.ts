import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  IDLE,
  indicatorComputedEvent,
  produceRaw,
  RunningService,
  startService,
  TestWorld,
  TopicProbe,
  topicSize,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';
import { goalsApp } from './goals.app';

const share = (value: number, period: string, previousValue: number | null = null) =>
  indicatorComputedEvent(value, period, { previousValue });
const message = asMessage;
// Goals has handled every indicator event so far and published what it wrote: nothing more is coming.
const goalsIdle = (world: TestWorld) => waitUntilIdle(world, IDLE.goals);

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
    const response = await admin.post('/v1/goals', {
      ...goal,
      municipality: '998',
      comparator: 'below',
      target: 'x',
      owner: { name: 'A', webhookUrl: 'ftp://x' },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'comparator',
      'municipality',
      'owner.webhookUrl',
      'target',
    ]);
    expect((await admin.post('/v1/goals', { ...goal, owner: { name: 'No channel' } })).body.errors).toEqual([
      { field: 'owner.email', reason: 'needs an email, webhookUrl, teamsWebhookUrl or slackWebhookUrl to be alerted on' },
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
      payload: {
        goalId,
        transition: 'breach',
        state: 'breached',
        previousState: null,
        period: '2021-07',
        historical: false,
        ownerIds: [expect.any(String)],
        plan: null,
        goalText: null,
        indicator: { labelDa: 'Sygedagpenge mv.', unit: 'percent' },
        trend: [{ period: '2021-07', value: 1.8793 }],
      },
    });
    expect((breach.event!.payload as { explanation: { da: string } }).explanation.da).toContain('1,9 %');
    // The public transition names the owner by id; its contacts travel on the internal owners topic.
    expect(breach.value).not.toContain(goal.owner.email);
    expect(breach.value).not.toContain(goal.owner.webhookUrl);
    const [ownerId] = (breach.event!.payload as { ownerIds: string[] }).ownerIds;
    const owners = await TopicProbe.start(TOPICS.ownersInternal, world.topicPrefix);
    const contacts = await owners.waitFor((all) =>
      all.some((m) => (m.event?.payload as { ownerId?: string } | undefined)?.ownerId === ownerId),
    );
    await owners.stop();
    expect(contacts.find((m) => (m.event?.payload as { ownerId?: string }).ownerId === ownerId)!.event).toMatchObject({
      type: 'owner.contacts-changed',
      municipality: '000',
      payload: {
        name: goal.owner.name,
        language: 'da',
        deleted: false,
        channels: [
          { type: 'email', target: goal.owner.email },
          { type: 'webhook', target: goal.owner.webhookUrl },
        ],
      },
    });
    // Only admins see channels whole; others see their last 4 characters.
    const viewer = apiClient(service.baseUrl, await world.apiKey('viewer'));
    expect((await viewer.get(`/v1/owners/${ownerId}`)).body).toMatchObject({ email: '…mple', webhookUrl: '…ling' });
    expect((await viewer.get(`/v1/goals/${goalId}`)).body.owner).toMatchObject({ email: '…mple', webhookUrl: '…ling' });
    expect((await admin.get(`/v1/owners/${ownerId}`)).body).toMatchObject({ email: goal.owner.email, webhookUrl: goal.owner.webhookUrl });

    const before = await topicSize(TOPICS.goalTransitions, world.topicPrefix);
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(july), message(share(1.95, '2021-07', 1.8793))]);
    await waitForEvaluations(service, goalId, 2);
    await goalsIdle(world);
    // Still breached: no second breach, and the redelivered event made no evaluation of its own.
    expect(await topicSize(TOPICS.goalTransitions, world.topicPrefix)).toBe(before);
    const evaluations = await admin.get(`/v1/goals/${goalId}/evaluations`);
    // The revision supersedes July's judgement; the first stays for the audit.
    expect(evaluations.body).toHaveLength(2);
    expect(evaluations.body[0]).toMatchObject({
      period: '2021-07',
      value: 1.95,
      state: 'breached',
      previousState: null,
      transition: 'breach',
      current: true,
      inputs: { denominator: 70400 },
    });
    expect(evaluations.body[1]).toMatchObject({ period: '2021-07', value: 1.8793, current: false });
  });

  it('publishes a recovery when a later period meets the target', async () => {
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(share(1.73, '2021-08'))]);
    const all = await transitions.waitFor((messages) => messages.length >= 2);
    expect(all[1].event).toMatchObject({
      type: 'goal.recovered',
      payload: {
        transition: 'recovery',
        state: 'met',
        previousState: 'breached',
        period: '2021-08',
        trend: [
          { period: '2021-07', value: 1.95 },
          { period: '2021-08', value: 1.73 },
        ],
      },
    });
    expect((await admin.get(`/v1/goals/${goalId}`)).body).toMatchObject({ state: 'met', statePeriod: '2021-08' });
  });

  it('corrects an alerted period that a late figure judges differently, and records a late earlier period as history', async () => {
    const created = await admin.post('/v1/goals', {
      ...goal,
      name: 'Gentofte: a-dagpenge under klyngens gennemsnit',
      municipality: '157',
      indicator: 'share.a-dagpenge',
      rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt', offsetPp: 0 },
    });
    const id = created.body.id;
    const reading = (value: number, period: string, cluster: number) =>
      indicatorComputedEvent(value, period, { municipality: '157', indicatorId: 'share.a-dagpenge', cluster });
    const ofGoal = () => transitions.events().filter((event) => (event.payload as { goalId: string }).goalId === id);
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(reading(3.0, '2021-07', 2.8))]);
    await waitUntil(() => ofGoal().length === 1, 15_000, 'the breach');
    const [breach] = ofGoal();
    expect(breach).toMatchObject({ type: 'goal.breached', payload: { period: '2021-07', state: 'breached' } });

    // A peer's revision lifts the cluster average: July was met after all. The owners get a correction, not a recovery.
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(reading(3.0, '2021-07', 3.2))]);
    await waitUntil(() => ofGoal().length === 2, 15_000, 'the correction');
    expect(ofGoal()[1]).toMatchObject({
      type: 'goal.corrected',
      municipality: '157',
      payload: {
        goalId: id,
        period: '2021-07',
        state: 'met',
        benchmarks: { cluster: 3.2 },
        corrects: { eventId: breach.id, kind: 'breach', state: 'breached' },
        current: { period: '2021-07', state: 'met' },
      },
    });

    // June arrives late and is breached: history (recorded, not delivered); July, the latest, stays met and needs no word.
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(reading(3.5, '2021-06', 3.0))]);
    await waitUntil(() => ofGoal().length === 3, 15_000, 'June as history');
    await goalsIdle(world);
    await transitions.waitForEnd();
    expect(
      ofGoal().map((event) => [
        event.type,
        (event.payload as { period: string }).period,
        (event.payload as { historical?: boolean }).historical,
      ]),
    ).toEqual([
      ['goal.breached', '2021-07', false],
      ['goal.corrected', '2021-07', undefined],
      ['goal.breached', '2021-06', true],
    ]);
    const current = (await admin.get(`/v1/goals/${id}/evaluations`)).body.filter((evaluation: { current: boolean }) => evaluation.current);
    expect(
      current.map((evaluation: { period: string; state: string; previousState: string | null }) => [
        evaluation.period,
        evaluation.state,
        evaluation.previousState,
      ]),
    ).toEqual([
      ['2021-07', 'met', 'breached'],
      ['2021-06', 'breached', null],
    ]);
    expect((await admin.get(`/v1/goals/${id}`)).body).toMatchObject({ state: 'met', statePeriod: '2021-07' });
  });

  it('reads ranks the right way round for a higher-is-better goal (best in the cluster = highest value)', async () => {
    const best = await admin.post('/v1/goals', {
      ...goal,
      name: 'Bedst i klyngen',
      rule: { kind: 'rank', within: 'cluster', maxRank: 1 },
      direction: 'higher_is_better',
    });
    const highest = share(1.9, '2021-09');
    (highest.payload as { rank: object }).rank = { country: 98, countryOf: 98, cluster: 4, clusterOf: 4 };
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(highest)]);
    await waitForEvaluations(service, best.body.id, 3); // July and August were judged at creation, without ranks
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
      // The consumer has read October and waits on the row lock the PATCH holds (FOR SHARE of the goal).
      await waitUntil(
        async () =>
          (
            await service.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          )[0].n > 0,
        15_000,
        'the evaluation to wait for the rule change',
      );
      const [{ n }] = await service.dataSource.query(
        `SELECT count(*)::int AS n FROM evaluations WHERE goal_id = $1 AND period = '2021-10'`,
        [id],
      );
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
  let n = 0;
  const enough = async () => {
    [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM evaluations WHERE goal_id = $1', [goalId]);
    return n >= count;
  };
  await waitUntil(enough, 15_000, () => `${count} evaluations (have ${n})`);
}

describe('staleness (publication calendar, Bull repeatable job)', () => {
  let world: TestWorld;
  let service: RunningService;
  let transitions: TopicProbe;

  beforeAll(async () => {
    world = await createTestWorld({ STALENESS_CHECK_EVERY_MS: '600000' });
    transitions = await TopicProbe.start(TOPICS.goalTransitions, world.topicPrefix);
    service = await startService(goalsApp, world.env);
  });

  afterAll(async () => {
    await transitions?.stop();
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
    const [{ last_judged_state }] = await service.dataSource.query('SELECT last_judged_state FROM goal_states WHERE goal_id = $1', [
      created.body.id,
    ]);
    expect(last_judged_state).toBe('breached');
    expect(await checker.check(new Date('2021-12-15T00:00:00Z'))).toBe(0); // already stale
    // Owners are told that newer data is overdue: a goal.stale transition with the last judged figures.
    const all = await transitions.waitFor((messages) => messages.some((m) => m.event?.type === 'goal.stale'));
    expect(all.filter((m) => m.event?.type === 'goal.stale')).toHaveLength(1);
    expect(all.find((m) => m.event?.type === 'goal.stale')!.event).toMatchObject({
      payload: {
        goalId: created.body.id,
        transition: 'stale',
        state: 'stale',
        previousState: 'breached',
        period: '2021-07',
        historical: false,
        trend: [{ period: '2021-07' }],
      },
    });
  });
});

describe('backfills and plan context (MARK_HISTORICAL_TRANSITIONS on)', () => {
  let world: TestWorld;
  let service: RunningService;
  let transitions: TopicProbe;
  const month = (monthsAgo: number) => {
    const date = new Date();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() - monthsAgo);
    return date.toISOString().slice(0, 7);
  };

  beforeAll(async () => {
    world = await createTestWorld({ MARK_HISTORICAL_TRANSITIONS: 'true' });
    transitions = await TopicProbe.start(TOPICS.goalTransitions, world.topicPrefix);
    service = await startService(goalsApp, world.env);
  });

  afterAll(async () => {
    await transitions?.stop();
    await service?.close();
    await world?.cleanup();
  });

  it('marks transitions of long-past periods historical, and alerts a breach that still holds once the backfill reaches today', async () => {
    const admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    const plan = {
      id: 'backfill-test',
      municipality: '147',
      title: 'Beskæftigelsesplan (test)',
      years: [2019],
      source: { document: 'test', committee: 'AUU' },
      focusAreas: [
        {
          id: 'sygedagpenge',
          title: 'Sygedagpengeområdet',
          goals: [
            {
              id: 'Mål E',
              text: 'Andelen på sygedagpenge mv. skal højst være 1,8 %',
              indicator: 'share.sygedagpenge-mv',
              rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
              direction: 'lower_is_better',
              evaluationPeriod: 'month',
              owners: [{ name: 'Sygedagpengeteamet', email: 'team@frederiksberg.example' }, { name: 'AUU' }],
            },
          ],
        },
      ],
    };
    expect((await admin.put('/v1/plans/backfill-test', plan)).status).toBe(201);
    // Ten-year-old history in order: a breach, a recovery, a breach again; then the current months, still breached.
    const history = [share(1.9, '2016-01'), share(1.7, '2016-02'), share(1.95, '2016-03'), share(1.96, month(3)), share(1.97, month(2))];
    for (const reading of history) await produceRaw(TOPICS.indicators, world.topicPrefix, [message(reading)]);
    const current = (m: { event?: { payload: unknown } }) =>
      (m.event?.payload as { historical?: boolean } | undefined)?.historical === false;
    const all = await transitions.waitFor((messages) => messages.some(current));
    await goalsIdle(world);
    await transitions.waitForEnd();
    const summary = transitions
      .events()
      .map((event) => [event.type, (event.payload as { period: string }).period, (event.payload as { historical: boolean }).historical]);
    // Owners hear once about the newest period judged (the consumer may take the last two months in one batch).
    const alerted = (all.find(current)!.event!.payload as { period: string }).period;
    expect([month(3), month(2)]).toContain(alerted);
    expect(summary).toEqual([
      ['goal.breached', '2016-01', true],
      ['goal.recovered', '2016-02', true],
      ['goal.breached', '2016-03', true],
      ['goal.breached', alerted, false],
    ]);
    expect(all.find(current)!.event!.payload).toMatchObject({
      plan: { id: 'backfill-test', name: 'Beskæftigelsesplan (test)' },
      focusArea: { id: 'sygedagpenge', title: 'Sygedagpengeområdet' },
      planGoalId: 'Mål E',
      goalText: 'Andelen på sygedagpenge mv. skal højst være 1,8 %',
      ownerIds: [expect.any(String), expect.any(String)],
      trend: [
        { period: '2016-01', value: 1.9 },
        { period: '2016-02', value: 1.7 },
        { period: '2016-03', value: 1.95 },
        { period: month(3), value: 1.96 },
        ...(alerted === month(2) ? [{ period: month(2), value: 1.97 }] : []),
      ],
    });
  });
});
