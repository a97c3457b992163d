import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { TOPICS } from '@pejling/contracts';
import {
  asMessage,
  createTestWorld,
  indicatorComputedEvent,
  produceRaw,
  RunningService,
  startService,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { goalsApp } from './goals.app';

const PLANS = path.resolve(__dirname, '../../../plans');
const planText = (file: string) => fs.readFileSync(path.join(PLANS, file), 'utf8');

const reading = (period: string, value: number, cluster: number) =>
  indicatorComputedEvent(value, period, {
    national: 2.4,
    cluster,
    parts: { sygedagpenge: (value * 70400) / 100 - 100, jobafklaringsforloeb: 100 },
  });
const message = asMessage;

describe('plans as code over the goals API (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let service: RunningService;
  let adminKey: string;

  const send = async (method: string, url: string, body?: string, contentType = 'application/yaml', key = adminKey) => {
    const response = await fetch(`${service.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType, accept: 'application/json' },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
  };

  beforeAll(async () => {
    world = await createTestWorld();
    service = await startService(goalsApp, world.env);
    adminKey = await world.apiKey('admin');
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  it.each([
    ['frederiksberg-2022', 10],
    ['frederikssund-2022', 21],
    ['koebenhavn-2022', 4],
    ['dragoer-2022-2023', 18],
  ])('loads %s with every measurable goal', async (id, goals) => {
    const put = await send('PUT', `/v1/plans/${id}`, planText(`${id}.yaml`));
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ id, version: 1, changed: true, goals: { created: goals, changed: 0, removed: 0 } });
  });

  it('is idempotent: the same plan again changes nothing', async () => {
    const again = await send('PUT', '/v1/plans/frederiksberg-2022', planText('frederiksberg-2022.yaml'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, changed: false, goals: { created: 0, changed: 0, removed: 0, unchanged: 10 } });
  });

  it('answers every goal of the plans with a state and its plan reference', async () => {
    const goals = (await send('GET', '/v1/goals?municipality=147')).body;
    expect(goals).toHaveLength(10);
    const goalE = goals.find((goal: { planGoalId: string }) => goal.planGoalId === 'Mål E');
    expect(goalE).toMatchObject({
      planId: 'frederiksberg-2022',
      focusArea: 'ydelsesgrupper',
      state: 'no_data',
      version: 1,
      rule: { kind: 'benchmark', benchmark: 'cluster' },
    });
    expect(goalE.explanation.da).toBe('Der er endnu ingen tal for Sygedagpenge mv.; målet vurderes, når tallene kommer.');
  });

  it('judges each period by the goal version in force then: editing a goal never rewrites history', async () => {
    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(reading('2021-07', 1.7, 1.9))]);
    const goals = (await send('GET', '/v1/goals?municipality=147')).body;
    const goalId = goals.find((goal: { planGoalId: string }) => goal.planGoalId === 'Mål E').id;
    await waitUntil(async () => (await send('GET', `/v1/goals/${goalId}`)).body.state === 'met', 20_000, 'Mål E met');

    // Version 2 of the plan tightens Mål E to "at least 0,3 pp below the cluster", from August 2021.
    const stricter = planText('frederiksberg-2022.yaml').replace(
      /(id: Mål E\n(?:.*\n){2}\s+rule: )\{ kind: benchmark, benchmark: cluster, comparator: lt, offsetPp: 0 \}/,
      '$1{ kind: benchmark, benchmark: cluster, comparator: lte, offsetPp: -0.3 }',
    );
    expect(stricter).not.toBe(planText('frederiksberg-2022.yaml'));
    const v2 = await send('PUT', '/v1/plans/frederiksberg-2022?effectiveFrom=2021-08', stricter);
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, effectiveFrom: '2021-08', goals: { changed: 1, unchanged: 9 } });

    await produceRaw(TOPICS.indicators, world.topicPrefix, [message(reading('2021-08', 1.7, 1.9))]);
    await waitUntil(
      async () => (await send('GET', `/v1/goals/${goalId}`)).body.state === 'breached',
      20_000,
      'Mål E breached under version 2',
    );
    const evaluations = (await send('GET', `/v1/goals/${goalId}/evaluations`)).body;
    const byPeriod = (period: string) => evaluations.find((evaluation: { period: string }) => evaluation.period === period);
    expect(byPeriod('2021-07')).toMatchObject({ state: 'met', rule: { comparator: 'lt', offsetPp: 0 } });
    expect(byPeriod('2021-08')).toMatchObject({ state: 'breached', rule: { comparator: 'lte', offsetPp: -0.3 } });

    const plan = (await send('GET', '/v1/plans/frederiksberg-2022')).body;
    expect(plan.versions.map((version: { version: number; author: string }) => [version.version, version.author])).toEqual([
      [1, 'test-admin'],
      [2, 'test-admin'],
    ]);
  });

  it('manages owners once for every goal they own: a plan names the committee, an admin gives it an email', async () => {
    const owners = (await send('GET', '/v1/owners')).body;
    const auu = owners.find((owner: { name: string }) => owner.name === 'Arbejdsmarkeds- og Uddannelsesudvalget');
    expect(auu).toMatchObject({ goals: 10, email: null, language: 'da', timeZone: 'Europe/Copenhagen' });
    const patched = await send('PATCH', `/v1/owners/${auu.id}`, JSON.stringify({ email: 'auu@frederiksberg.example' }), 'application/json');
    expect(patched.body).toMatchObject({ email: 'auu@frederiksberg.example', goals: 10 });
    const goals = (await send('GET', '/v1/goals?municipality=147')).body;
    expect(goals.every((goal: { owner: { email: string } }) => goal.owner.email === 'auu@frederiksberg.example')).toBe(true);
    // Loading the plan again (no contact details in it) keeps the email the admin set.
    await send('PUT', '/v1/plans/frederiksberg-2022', planText('frederiksberg-2022.yaml'));
    expect((await send('GET', `/v1/owners/${auu.id}`)).body.email).toBe('auu@frederiksberg.example');
    expect((await send('PATCH', `/v1/owners/${auu.id}`, JSON.stringify({ email: 'not-an-email' }), 'application/json')).status).toBe(422);
    // Teams (Workflows) and Slack webhooks are channels of their own.
    const chat = await send(
      'PATCH',
      `/v1/owners/${auu.id}`,
      JSON.stringify({ teamsWebhookUrl: 'https://prod.workflows.example/teams', slackWebhookUrl: 'ftp://x' }),
      'application/json',
    );
    expect(chat.body.errors).toEqual([{ field: 'slackWebhookUrl', reason: 'must use http or https' }]);
    const teams = await send(
      'PATCH',
      `/v1/owners/${auu.id}`,
      JSON.stringify({ teamsWebhookUrl: 'https://prod.workflows.example/teams' }),
      'application/json',
    );
    expect(teams.body).toMatchObject({
      email: 'auu@frederiksberg.example',
      teamsWebhookUrl: 'https://prod.workflows.example/teams',
      slackWebhookUrl: null,
    });
    const badContacts = await send(
      'PATCH',
      `/v1/owners/${auu.id}`,
      JSON.stringify({ webhookUrl: 'https://user:pw@hooks.example/x', timeZone: 'Mars/Olympus' }),
      'application/json',
    );
    expect(badContacts.status).toBe(422);
    expect(badContacts.body.errors).toEqual([
      { field: 'webhookUrl', reason: 'must not contain credentials' },
      { field: 'timeZone', reason: 'must be an IANA time zone such as Europe/Copenhagen' },
    ]);
    expect(
      (await send('PATCH', `/v1/owners/${auu.id}`, JSON.stringify({ webhookUrl: 'ftp://hooks.example/x' }), 'application/json')).body
        .errors,
    ).toEqual([{ field: 'webhookUrl', reason: 'must use http or https' }]);
    expect((await send('GET', '/v1/owners/not-a-uuid')).status).toBe(400);
    const remove = await send('DELETE', `/v1/owners/${auu.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body.message).toMatch(/still owns 10 goal\(s\)/);
  });

  it('publishes the plan file format as JSON Schema', async () => {
    const schema = (await send('GET', '/v1/plans/schema')).body;
    expect(schema).toMatchObject({
      type: 'object',
      properties: { id: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }, focusAreas: { type: 'array' } },
    });
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'municipality', 'focusAreas']));
  });

  it('exports the plan file as YAML', async () => {
    const response = await fetch(`${service.baseUrl}/v1/plans/koebenhavn-2022`, {
      headers: { authorization: `Bearer ${adminKey}`, accept: 'application/yaml' },
    });
    expect(response.headers.get('content-type')).toMatch(/yaml/);
    expect(parse(await response.text())).toMatchObject({ id: 'koebenhavn-2022', municipality: '101' });
  });

  it('rejects bad plans with the line or the path, and stores nothing', async () => {
    const broken = await send('PUT', '/v1/plans/x-2022', 'id: x-2022\nmunicipality: [147\n');
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/not valid YAML \(line \d+, column \d+\)/);

    const invalid = await send(
      'PUT',
      '/v1/plans/x-2022',
      JSON.stringify({
        id: 'x-2022',
        municipality: '999',
        title: 'X',
        years: [2022],
        source: { document: 'd', committee: 'c' },
        focusAreas: [],
      }),
      'application/json',
    );
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['focusAreas', 'municipality']);

    const mismatch = await send('PUT', '/v1/plans/other-id', planText('koebenhavn-2022.yaml'));
    expect(mismatch.status).toBe(422);
    expect((await send('GET', '/v1/plans')).body.map((plan: { id: string }) => plan.id)).toEqual([
      'dragoer-2022-2023',
      'frederiksberg-2022',
      'frederikssund-2022',
      'koebenhavn-2022',
    ]);

    const operator = await world.apiKey('operator');
    expect((await send('PUT', '/v1/plans/koebenhavn-2022', planText('koebenhavn-2022.yaml'), 'application/yaml', operator)).status).toBe(
      403,
    );
  });

  it('loads the fifth seed, Vækst og jobskabelse 2021-2024, and judges VJ-4 on the year’s count of meetings', async () => {
    const put = await send('PUT', '/v1/plans/frederiksberg-vaekst-2021-2024', planText('frederiksberg-vaekst-2021-2024.yaml'));
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ version: 1, effectiveFrom: '2021-01', goals: { created: 1, changed: 0, removed: 0 } });
    const goal = (await send('GET', '/v1/goals?municipality=147')).body.find(
      (candidate: { planId: string }) => candidate.planId === 'frederiksberg-vaekst-2021-2024',
    );
    expect(goal).toMatchObject({
      planGoalId: 'VJ-4',
      indicator: 'count.inspirationsmoeder',
      evaluationPeriod: 'year',
      rule: { kind: 'threshold', comparator: 'gte', target: 2 },
    });

    const meetings = (period: string, count: number) => {
      const event = indicatorComputedEvent(count, period, { indicatorId: 'count.inspirationsmoeder', parts: {} });
      return message({ ...event, payload: { ...event.payload, unit: 'count', numerator: count, denominator: 1 } });
    };
    await produceRaw(TOPICS.indicators, world.topicPrefix, [meetings('2021', 1)]);
    await waitUntil(async () => (await send('GET', `/v1/goals/${goal.id}`)).body.state === 'breached', 20_000, 'VJ-4 breached for 2021');
    expect((await send('GET', `/v1/goals/${goal.id}`)).body.explanation).toEqual({
      da: 'Antal inspirationsmøder om vækst og jobskabelse var 1 i 2021 mod målet ≥ 2: 1 under målet. Målet er ikke opfyldt.',
      en: 'The number of inspiration meetings on growth and job creation was 1 in 2021 against the target ≥ 2: 1 below the target. The goal is not met.',
    });
    await produceRaw(TOPICS.indicators, world.topicPrefix, [meetings('2022', 3)]);
    await waitUntil(async () => (await send('GET', `/v1/goals/${goal.id}`)).body.state === 'met', 20_000, 'VJ-4 met for 2022');
  });

  it("shows a plan's owner addresses and webhook URLs whole to admins and masked to everyone else", async () => {
    const plan = parse(planText('koebenhavn-2022.yaml'));
    plan.focusAreas[0].goals[0].owners[0] = {
      ...plan.focusAreas[0].goals[0].owners[0],
      email: 'owner.canary@kk.example',
      webhookUrl: 'https://hooks.kk.example/secret-path-9f3a',
    };
    expect((await send('PUT', '/v1/plans/koebenhavn-2022', JSON.stringify(plan), 'application/json')).status).toBe(201);
    const ownerOf = (body: { document: typeof plan }) => body.document.focusAreas[0].goals[0].owners[0];
    expect(ownerOf((await send('GET', '/v1/plans/koebenhavn-2022')).body)).toMatchObject({
      email: 'owner.canary@kk.example',
      webhookUrl: 'https://hooks.kk.example/secret-path-9f3a',
    });
    const viewer = await world.apiKey('viewer');
    for (const route of ['/v1/plans/koebenhavn-2022', '/v1/plans/koebenhavn-2022/versions/2']) {
      const seen = await send('GET', route, undefined, undefined, viewer);
      expect(ownerOf(seen.body)).toMatchObject({ email: '…mple', webhookUrl: '…9f3a' });
      expect(JSON.stringify(seen.body)).not.toContain('secret-path');
    }
  });
});
