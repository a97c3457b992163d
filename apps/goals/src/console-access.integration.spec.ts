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
  signUserToken,
  startService,
  TEST_CONSOLE_TOKEN_SECRET,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { goalsApp } from './goals.app';

const PLANS = path.resolve(__dirname, '../../../plans');
const planText = (file: string) => fs.readFileSync(path.join(PLANS, file), 'utf8');

const standalone = (municipality: string, name: string) => ({
  name,
  municipality,
  indicator: 'share.sygedagpenge-mv',
  comparator: 'lte',
  target: 1.8,
  owner: { name: `Team ${municipality}`, email: `team@${municipality}.example` },
});

/** Console users against the goals API: roles, municipality scope, and the console's endpoints. */
describe('goals for console users (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let service: RunningService;
  let admin: ReturnType<typeof apiClient>;
  let frbOperator: ReturnType<typeof apiClient>;
  let frbAdmin: ReturnType<typeof apiClient>;
  let viewer: ReturnType<typeof apiClient>;
  let allAdmin: ReturnType<typeof apiClient>;
  let frbGoal: string;
  let kbhGoal: string;

  const send = async (url: string, token: string, init: { method?: string; body?: string; contentType?: string; accept?: string } = {}) => {
    const response = await fetch(`${service.baseUrl}${url}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': init.contentType ?? 'application/yaml',
        accept: init.accept ?? 'application/json',
      },
      body: init.body,
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
  };

  beforeAll(async () => {
    world = await createTestWorld({ CONSOLE_TOKEN_SECRET: TEST_CONSOLE_TOKEN_SECRET });
    service = await startService(goalsApp, world.env);
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    frbOperator = apiClient(
      service.baseUrl,
      await signUserToken({ role: 'operator', municipalities: ['147'], email: 'frida@frederiksberg.example' }),
    );
    frbAdmin = apiClient(
      service.baseUrl,
      await signUserToken({ role: 'admin', municipalities: ['147'], email: 'frank@frederiksberg.example' }),
    );
    viewer = apiClient(service.baseUrl, await signUserToken({ role: 'viewer', municipalities: ['*'] }));
    allAdmin = apiClient(service.baseUrl, await signUserToken({ role: 'admin', municipalities: ['*'], email: 'ada@pejling.example' }));
    for (const id of ['frederiksberg-2022', 'koebenhavn-2022']) {
      const put = await fetch(`${service.baseUrl}/v1/plans/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${await world.apiKey('admin')}`, 'content-type': 'application/yaml' },
        body: planText(`${id}.yaml`),
      });
      expect(put.status).toBe(201);
    }
    frbGoal = (await admin.post('/v1/goals', standalone('147', 'Frederiksberg uden plan'))).body.id;
    kbhGoal = (await admin.post('/v1/goals', standalone('101', 'København uden plan'))).body.id;
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  it('refuses expired, forged and malformed user tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signUserToken({ role: 'admin', municipalities: ['*'], iat: now - 600, exp: now - 300 });
    const forged = await signUserToken({ role: 'admin', municipalities: ['*'] }, 'an-attackers-secret-that-is-long-enough!!');
    const integrator = await signUserToken({ role: 'integrator', municipalities: ['*'] });
    for (const token of [expired, forged, integrator, 'not-a-token']) {
      const response = await apiClient(service.baseUrl, token).get('/v1/goals');
      expect(response.status).toBe(401);
    }
    expect((await apiClient(service.baseUrl, expired).get('/v1/goals')).body.message).toBe('The user token has expired.');
    expect((await apiClient(service.baseUrl, forged).get('/v1/goals')).body.message).toBe('The user token signature is not valid.');
  });

  it('shows a Frederiksberg operator only Frederiksberg goals, plans, owners and board', async () => {
    const goals = (await frbOperator.get('/v1/goals')).body;
    expect(goals.length).toBe(11);
    expect(new Set(goals.map((goal: { municipality: string }) => goal.municipality))).toEqual(new Set(['147']));
    expect((await frbOperator.get('/v1/goals?municipality=101')).body).toEqual([]);
    expect((await frbOperator.get(`/v1/goals/${frbGoal}`)).status).toBe(200);
    for (const url of [
      `/v1/goals/${kbhGoal}`,
      `/v1/goals/${kbhGoal}/evaluations`,
      `/v1/goals/${kbhGoal}/versions`,
      '/v1/plans/koebenhavn-2022',
      '/v1/plans/koebenhavn-2022/versions',
      '/v1/plans/koebenhavn-2022/versions/1',
    ]) {
      const response = await frbOperator.get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
    }
    expect((await frbOperator.get('/v1/plans')).body.map((plan: { id: string }) => plan.id)).toEqual(['frederiksberg-2022']);
    const owners = (await frbOperator.get('/v1/owners')).body;
    expect(owners.map((owner: { name: string }) => owner.name)).toContain('Team 147');
    expect(owners.map((owner: { name: string }) => owner.name)).not.toContain('Team 101');
    const kbhOwner = (await admin.get('/v1/owners')).body.find((owner: { name: string }) => owner.name === 'Team 101');
    expect(kbhOwner.municipalities).toEqual(['101']);
    expect((await frbOperator.get(`/v1/owners/${kbhOwner.id}`)).status).toBe(404);
    const board = (await frbOperator.get('/v1/board')).body;
    const boardGoals = board.plans.flatMap((plan: { focusAreas: { goals: { municipality: string }[] }[] }) =>
      plan.focusAreas.flatMap((area) => area.goals),
    );
    expect(boardGoals).toHaveLength(11);
    expect(boardGoals.every((goal: { municipality: string }) => goal.municipality === '147')).toBe(true);
    expect((await frbOperator.get('/v1/board?municipality=101')).body.plans).toEqual([]);
  });

  it('refuses a Frederiksberg admin every change to København with 403 naming it', async () => {
    const created = await frbAdmin.post('/v1/goals', standalone('101', 'Ny København'));
    expect(created.status).toBe(403);
    expect(created.body.message).toContain('municipality 101');
    expect((await frbAdmin.patch(`/v1/goals/${kbhGoal}`, { target: 2 })).status).toBe(403);
    expect((await frbAdmin.delete(`/v1/goals/${kbhGoal}`)).status).toBe(403);
    expect((await frbAdmin.patch(`/v1/goals/${frbGoal}`, { municipality: '101' })).status).toBe(403);
    const plan = await send('/v1/plans/koebenhavn-2022', await signUserToken({ role: 'admin', municipalities: ['147'] }), {
      method: 'PUT',
      body: planText('koebenhavn-2022.yaml'),
    });
    expect(plan.status).toBe(403);
    expect(plan.body.message).toContain('municipality 101');
    const kbhOwner = (await admin.get('/v1/owners')).body.find((owner: { name: string }) => owner.name === 'Team 101');
    expect((await frbAdmin.patch(`/v1/owners/${kbhOwner.id}`, { language: 'en' })).status).toBe(404);
    expect((await frbAdmin.post('/v1/owners', { name: 'Nyt udvalg', email: 'x@frederiksberg.example' })).status).toBe(403);
    // Its own municipality it may change.
    expect((await frbAdmin.patch(`/v1/goals/${frbGoal}`, { target: 1.8 })).status).toBe(200);
    const frbOwner = (await admin.get('/v1/owners')).body.find((owner: { name: string }) => owner.name === 'Team 147');
    expect((await frbAdmin.patch(`/v1/owners/${frbOwner.id}`, { language: 'da' })).status).toBe(200);
  });

  it('lets a viewer and an operator read but not manage goals or plans', async () => {
    expect((await viewer.get(`/v1/goals/${kbhGoal}`)).status).toBe(200);
    expect((await viewer.get('/v1/board')).status).toBe(200);
    expect((await viewer.post('/v1/goals', standalone('147', 'x'))).status).toBe(403);
    expect((await frbOperator.post('/v1/goals', standalone('147', 'x'))).status).toBe(403);
    expect((await frbOperator.delete(`/v1/goals/${frbGoal}`)).status).toBe(403);
    const validate = await send('/v1/plans/validate', await signUserToken({ role: 'operator', municipalities: ['*'] }), {
      method: 'POST',
      body: planText('koebenhavn-2022.yaml'),
    });
    expect(validate.status).toBe(403);
    expect(validate.body.message).toContain('requires the role admin');
  });

  it('builds the board with counts per state, plans → focus areas → goals, owners and a sparkline', async () => {
    await produceRaw(TOPICS.indicators, world.topicPrefix, [
      asMessage(indicatorComputedEvent(1.7, '2021-06')),
      asMessage(indicatorComputedEvent(1.88, '2021-07')),
    ]);
    await waitUntil(
      async () => (await admin.get(`/v1/goals/${frbGoal}`)).body.state === 'breached',
      20_000,
      'the standalone goal to be breached',
    );
    const board = (await allAdmin.get('/v1/board')).body;
    const all = (await admin.get('/v1/goals')).body as { state: string }[];
    const expected = { met: 0, at_risk: 0, breached: 0, no_data: 0, stale: 0, not_applicable: 0 } as Record<string, number>;
    for (const goal of all) expected[goal.state] += 1;
    expect(board.counts).toEqual(expected);
    expect(board.counts.breached).toBeGreaterThanOrEqual(1);
    expect(board.plans.map((plan: { id: string | null }) => plan.id)).toEqual(['frederiksberg-2022', 'koebenhavn-2022', null]);
    const frb = board.plans[0];
    expect(frb).toMatchObject({ name: expect.any(String), municipality: '147' });
    expect(frb.focusAreas[0]).toMatchObject({ id: 'tvaergaaende', name: 'Tværgående mål' });
    expect(frb.focusAreas[0].goals[0]).toMatchObject({
      planGoalId: 'Mål A',
      municipality: '147',
      indicator: 'share.alle-ydelser',
      unit: 'percent',
      owners: [{ id: expect.any(String), name: 'Arbejdsmarkeds- og Uddannelsesudvalget' }],
    });
    const loose = board.plans[2].focusAreas[0];
    expect(loose.name).toBeNull();
    const goal = loose.goals.find((candidate: { id: string }) => candidate.id === frbGoal);
    expect(goal).toMatchObject({
      state: 'breached',
      statePeriod: '2021-07',
      value: 1.88,
      target: 1.8,
      direction: 'lower_is_better',
      owners: [{ name: 'Team 147' }],
    });
    expect(goal.gap).toBeCloseTo(0.08, 5);
    expect(goal.sparkline).toEqual([
      { period: '2021-06', value: 1.7 },
      { period: '2021-07', value: 1.88 },
    ]);
    const breachedOnly = (await allAdmin.get('/v1/board?state=breached&municipality=147&owner=Team%20147')).body;
    expect(breachedOnly.plans).toHaveLength(1);
    expect(breachedOnly.plans[0].focusAreas[0].goals.map((g: { id: string }) => g.id)).toEqual([frbGoal]);
    expect(breachedOnly.counts.breached).toBe(1);
    expect((await allAdmin.get('/v1/board?state=red')).status).toBe(400);
  });

  it('lists goal versions with their author and definition', async () => {
    const changed = await allAdmin.patch(`/v1/goals/${kbhGoal}`, { comparator: 'lte', target: 2.1, effectiveFrom: '2021-08' });
    expect(changed.status).toBe(200);
    const versions = (await viewer.get(`/v1/goals/${kbhGoal}/versions`)).body;
    expect(versions).toEqual([
      {
        version: 1,
        effectiveFrom: '2000-01',
        author: 'test-admin',
        createdAt: expect.any(String),
        definition: expect.objectContaining({ rule: { kind: 'threshold', comparator: 'lte', target: 1.8 } }),
      },
      {
        version: 2,
        effectiveFrom: '2021-08',
        author: 'ada@pejling.example',
        createdAt: expect.any(String),
        definition: expect.objectContaining({ rule: { kind: 'threshold', comparator: 'lte', target: 2.1 } }),
      },
    ]);
  });

  it('lists plan versions; each version reads back as YAML', async () => {
    const token = await signUserToken({ role: 'admin', municipalities: ['101'], email: 'kim@kk.example' });
    const changed = planText('koebenhavn-2022.yaml').replace(/^title: (.*)$/m, 'title: $1 (revideret)');
    expect((await send('/v1/plans/koebenhavn-2022?effectiveFrom=2022-06', token, { method: 'PUT', body: changed })).status).toBe(201);
    const versions = (await send('/v1/plans/koebenhavn-2022/versions', token)).body;
    expect(versions).toEqual([
      { version: 1, effectiveFrom: expect.any(String), author: 'test-admin', createdAt: expect.any(String) },
      { version: 2, effectiveFrom: '2022-06', author: 'kim@kk.example', createdAt: expect.any(String) },
    ]);
    const first = await send('/v1/plans/koebenhavn-2022?version=1', token, { accept: 'application/yaml' });
    expect(first.body).not.toContain('(revideret)');
    expect((await send('/v1/plans/koebenhavn-2022?version=2', token, { accept: 'application/yaml' })).body).toContain('(revideret)');
  });

  it('validates a plan without storing it, naming the line and column of each problem', async () => {
    const token = await signUserToken({ role: 'admin', municipalities: ['147'] });
    const good = await send('/v1/plans/validate', token, { method: 'POST', body: planText('frederiksberg-2022.yaml') });
    expect(good).toMatchObject({ status: 200, body: { ok: true, plan: { id: 'frederiksberg-2022', goals: 10 } } });
    const lines = planText('frederiksberg-2022.yaml').split('\n');
    const indicatorLine = lines.findIndex((line) => line.includes('indicator: share.alle-ydelser'));
    lines[indicatorLine] = lines[indicatorLine].replace('share.alle-ydelser', 'share.ukendt');
    const severityLine = lines.findIndex((line) => line.includes('severity: critical'));
    lines[severityLine] = lines[severityLine].replace('critical', 'urgent');
    const bad = await send('/v1/plans/validate', token, { method: 'POST', body: lines.join('\n') });
    expect(bad.status).toBe(422);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: severityLine + 1,
          column: lines[severityLine].indexOf('urgent') + 1,
          path: 'focusAreas.0.goals.0.severity',
        }),
      ]),
    );
    const unknownIndicator = await send('/v1/plans/validate', token, {
      method: 'POST',
      body: lines.map((line, i) => (i === severityLine ? line.replace('urgent', 'critical') : line)).join('\n'),
    });
    expect(unknownIndicator.body.errors).toEqual([
      {
        line: indicatorLine + 1,
        column: lines[indicatorLine].indexOf('share.ukendt') + 1,
        path: 'focusAreas.0.goals.0.indicator',
        message: expect.stringContaining("'share.ukendt'"),
      },
    ]);
    const broken = await send('/v1/plans/validate', token, { method: 'POST', body: 'id: x\ntitle: [unclosed\n' });
    expect(broken.status).toBe(422);
    expect(broken.body.errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number), path: '(yaml)' });
    const otherMunicipality = await send('/v1/plans/validate', token, { method: 'POST', body: planText('koebenhavn-2022.yaml') });
    expect(otherMunicipality.status).toBe(422);
    expect(otherMunicipality.body.errors).toEqual([
      expect.objectContaining({ path: 'municipality', message: expect.stringContaining('municipality 101 is outside your scope') }),
    ]);
    const json = await send('/v1/plans/validate', token, {
      method: 'POST',
      body: JSON.stringify({ id: 'x' }),
      contentType: 'application/json',
    });
    expect(json.status).toBe(422);
    expect(json.body.errors[0]).toMatchObject({ line: null, column: null });
    // Nothing was stored.
    expect((await admin.get('/v1/plans')).body.map((plan: { id: string }) => plan.id)).toEqual(['frederiksberg-2022', 'koebenhavn-2022']);
  });

  it('creates an API key that works at once and is refused once revoked', async () => {
    const created = await allAdmin.post('/v1/api-keys', { name: 'BI team', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      key: expect.stringMatching(/^pjl_/),
      record: { id: expect.any(String), name: 'BI team', role: 'viewer', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null },
    });
    const bi = apiClient(service.baseUrl, created.body.key);
    expect((await bi.get('/v1/goals')).status).toBe(200);
    expect((await bi.post('/v1/goals', standalone('147', 'x'))).status).toBe(403);
    const listed = (await allAdmin.get('/v1/api-keys')).body.find((key: { id: string }) => key.id === created.body.record.id);
    expect(listed).toMatchObject({ name: 'BI team', role: 'viewer', lastUsedAt: expect.any(String), revokedAt: null });
    expect(JSON.stringify(await allAdmin.get('/v1/api-keys'))).not.toContain(created.body.key);
    expect((await frbAdmin.get('/v1/api-keys')).status).toBe(403);
    expect((await allAdmin.post('/v1/api-keys', { name: 'x', role: 'root' })).body.errors).toEqual([
      { field: 'role', reason: 'must be one of admin, operator, viewer, integrator' },
    ]);
    expect((await allAdmin.delete(`/v1/api-keys/${created.body.record.id}`)).status).toBe(204);
    expect((await bi.get('/v1/goals')).status).toBe(401);
    expect((await allAdmin.delete(`/v1/api-keys/${created.body.record.id}`)).status).toBe(404);
  });
});
