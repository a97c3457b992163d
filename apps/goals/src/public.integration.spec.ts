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
const plan = (file: string) => parse(fs.readFileSync(path.join(PLANS, file), 'utf8'));

/** People the test gives the plan, so the public answers can be searched for them. */
const OWNER = {
  name: 'Canary Ejersen',
  email: 'canary.owner@frederiksberg.example',
  webhookUrl: 'https://hooks.example/canary-owner-hook',
};
const RECIPIENT = { name: 'Canary Udvalgssekretær', email: 'canary.recipient@frederiksberg.example' };
const STANDALONE_OWNER = { name: 'Canary Enkeltmål', email: 'canary.standalone@frederiksberg.example' };

/** The public transparency endpoints, without credentials (real PostgreSQL and Kafka). */
describe('goals: the public transparency endpoints', () => {
  let world: TestWorld;
  let service: RunningService;
  let adminKey: string;
  let standaloneGoalId: string;

  const anonymous = async (url: string) => {
    const response = await fetch(`${service.baseUrl}${url}`, { headers: { accept: 'application/json' } });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
  };
  const admin = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${service.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- the tests read what they check
  };
  const frederiksberg = () => {
    const document = plan('frederiksberg-2022.yaml');
    for (const area of document.focusAreas) for (const goal of area.goals) goal.owners = [OWNER];
    document.reporting.recipients = [RECIPIENT];
    return document;
  };

  beforeAll(async () => {
    world = await createTestWorld();
    service = await startService(goalsApp, world.env);
    adminKey = await world.apiKey('admin');
    expect((await admin('PUT', '/v1/plans/frederiksberg-2022', frederiksberg())).status).toBe(201);
    // København's plan has not opted in (no `transparency`).
    expect((await admin('PUT', '/v1/plans/koebenhavn-2022', plan('koebenhavn-2022.yaml'))).status).toBe(201);
    const standalone = await admin('POST', '/v1/goals', {
      name: 'Frederiksberg: sygedagpenge højst 1,8 %',
      municipality: '147',
      indicator: 'share.sygedagpenge-mv',
      comparator: 'lte',
      target: 1.8,
      owner: STANDALONE_OWNER,
    });
    expect(standalone.status).toBe(201);
    standaloneGoalId = standalone.body.id;
    const reading = (period: string, value: number, cluster: number) =>
      asMessage(indicatorComputedEvent(value, period, { national: 2.4, cluster }));
    await produceRaw(TOPICS.indicators, world.topicPrefix, [reading('2021-06', 1.7, 1.9)]);
    await waitUntil(async () => (await goalE()).statePeriod === '2021-06', 30_000, 'June judged');
    await produceRaw(TOPICS.indicators, world.topicPrefix, [reading('2021-07', 2.0, 1.9)]);
    await produceRaw(TOPICS.indicators, world.topicPrefix, [
      asMessage(indicatorComputedEvent(800, '2021-09', { indicatorId: 'count.fleksjobansatte-i-kommunen', municipality: '101' })),
    ]);
    await waitUntil(
      async () => (await goalE()).state === 'breached' && (await copenhagenGoal()).state === 'breached',
      30_000,
      'both breaches judged',
    );
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  const goalE = async () =>
    ((await admin('GET', '/v1/goals?municipality=147')).body as { planGoalId: string; state: string; statePeriod: string }[]).find(
      (goal) => goal.planGoalId === 'Mål E',
    )!;
  const copenhagenGoal = async () =>
    ((await admin('GET', '/v1/goals?municipality=101')).body as { planGoalId: string; state: string }[]).find(
      (goal) => goal.planGoalId === 'KBH-3',
    )!;

  it('lists only municipalities with a public plan, without credentials', async () => {
    const list = await anonymous('/v1/public/municipalities');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ code: '147', name: 'Frederiksberg', plans: 1 }]);
  });

  it("answers a public plan's goals with their states, and nothing about people", async () => {
    const page = await anonymous('/v1/public/municipalities/147');
    expect(page.status).toBe(200);
    expect(page.body.municipality).toEqual({ code: '147', name: 'Frederiksberg' });
    expect(page.body.plans).toHaveLength(1);
    const [only] = page.body.plans;
    expect(only).toMatchObject({ id: 'frederiksberg-2022', title: 'Beskæftigelsesplan 2022', years: [2022] });
    const goals = only.focusAreas.flatMap((area: { goals: unknown[] }) => area.goals);
    expect(goals.map((goal: { planGoalId: string }) => goal.planGoalId)).toEqual([
      'Mål A',
      'Mål B',
      'Mål C',
      'Mål D',
      'Mål E',
      'Mål F',
      'Mål G',
      'Mål H',
      'Mål H′',
      'UGV-3',
    ]);
    expect(goals.find((goal: { planGoalId: string }) => goal.planGoalId === 'Mål E')).toMatchObject({
      state: 'breached',
      statePeriod: '2021-07',
      value: 2,
      indicator: { id: 'share.sygedagpenge-mv', unit: 'percent' },
      rule: { kind: 'benchmark', benchmark: 'cluster', comparator: 'lt' },
      benchmarks: { national: 2.4, cluster: 1.9 },
      explanation: { da: expect.stringContaining('klyngens gennemsnit') },
    });
    // The goal outside any plan is not public, however it is judged.
    expect(page.text).not.toContain(standaloneGoalId);
    for (const secret of [
      OWNER.name,
      OWNER.email,
      OWNER.webhookUrl,
      RECIPIENT.name,
      RECIPIENT.email,
      STANDALONE_OWNER.name,
      STANDALONE_OWNER.email,
      'owner',
      'recipient',
      'author',
      'committee',
    ]) {
      expect({ secret, found: page.text.includes(secret) }).toEqual({ secret, found: false });
    }
  });

  it('lists the state changes of public goals, newest first', async () => {
    const changes = await anonymous('/v1/public/municipalities/147/changes?limit=10');
    expect(changes.status).toBe(200);
    expect(changes.body.changes).toEqual([
      expect.objectContaining({
        planId: 'frederiksberg-2022',
        planGoalId: 'Mål E',
        period: '2021-07',
        from: 'met',
        to: 'breached',
        kind: 'breach',
        at: expect.any(String),
      }),
    ]);
    expect(changes.text).not.toContain(OWNER.email);
    expect(changes.text).not.toContain(standaloneGoalId);
  });

  it('answers 404 for a municipality without a public plan, and 400 naming the field for bad input', async () => {
    for (const url of ['/v1/public/municipalities/101', '/v1/public/municipalities/101/changes', '/v1/public/municipalities/999']) {
      const response = await anonymous(url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(response.text).not.toContain('KBH');
    }
    expect(await anonymous('/v1/public/municipalities/abc')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('code') },
    });
    expect(await anonymous('/v1/public/municipalities/147/changes?limit=0')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('limit') },
    });
  });

  it('opens only the public routes: everything else still needs a principal, and the OpenAPI document says which are public', async () => {
    expect((await anonymous('/v1/goals')).status).toBe(401);
    expect((await anonymous('/v1/board')).status).toBe(401);
    const document = (await anonymous('/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(document.paths['/v1/public/municipalities/{code}'].get.security).toEqual([]);
    expect(document.paths['/v1/goals'].get.security).not.toEqual([]);
  });

  it('hides a plan again when a new version opts out', async () => {
    const closed = { ...frederiksberg(), transparency: { public: false } };
    expect((await admin('PUT', '/v1/plans/frederiksberg-2022', closed)).status).toBe(201);
    expect((await anonymous('/v1/public/municipalities')).body).toEqual([]);
    expect((await anonymous('/v1/public/municipalities/147')).status).toBe(404);
    expect((await anonymous('/v1/public/municipalities/147/changes')).status).toBe(404);
  });
});
