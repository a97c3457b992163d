import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { TOPICS } from '@pejling/contracts';
import { PruneProcessedEvents, RetentionLock, SERVICE_ENV, ServiceMetrics, Transactions } from '@pejling/platform';
import {
  apiClient,
  asMessage,
  createTestWorld,
  indicatorComputedEvent,
  produceRaw,
  RunningService,
  startService,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { EvaluationRecord, insertEvaluations, replaceTransitions, saveGoalState } from '../evaluation/timeline.repository';
import { goalsApp } from '../goals.app';
import { GoalsEnv } from '../goals.env';
import { SCHEDULED_QUEUE } from '../staleness/staleness-checker';
import { PruneEvaluations } from './prune-evaluations.use-case';
import { RETENTION_JOBS, RetentionJobs } from './retention-jobs';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const WEEK_MS = 7 * DAY;

const goal = {
  name: 'Mål E: sygedagpenge mv. højst 1,8 %',
  municipality: '147',
  indicator: 'share.sygedagpenge-mv',
  comparator: 'lte',
  target: 1.8,
  owner: { name: 'Sygedagpengeteamet', email: 'team@frederiksberg.example' },
};

/** Retention in goals: superseded evaluations past EVALUATIONS_RETENTION_DAYS, processed-event ids past the topics' retention. */
describe('goals: retention jobs (real PostgreSQL, Kafka and Redis)', () => {
  let world: TestWorld;
  let service: RunningService;
  let admin: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    // A weekly schedule, so no round fires by itself during the test; batches of one row, to prune in several.
    world = await createTestWorld({ RETENTION_EVERY_MS: String(WEEK_MS), RETENTION_BATCH_SIZE: '1' });
    service = await startService(goalsApp, world.env);
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  const evaluationsOf = async (goalId: string): Promise<{ id: string; superseded: boolean }[]> =>
    service.dataSource.query(`SELECT id, superseded_at IS NOT NULL AS superseded FROM evaluations WHERE goal_id = $1 ORDER BY id`, [
      goalId,
    ]);

  /** A judgement (or staleness note) written straight to the table, evaluated and superseded when the test says. */
  const stored = async (
    goalId: string,
    row: { period: string; kind?: 'judgement' | 'staleness'; evaluatedAt: Date; supersededAt: Date | null },
  ): Promise<string> => {
    const id = randomUUID();
    const record: EvaluationRecord = {
      id,
      goalId,
      kind: row.kind ?? 'judgement',
      period: row.period,
      value: 2,
      rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
      gap: 0.2,
      state: 'breached',
      rawState: 'breached',
      previousState: null,
      transition: null,
      reason: 'threshold',
      measured: 2,
      required: 1.8,
      benchmarks: null,
      projection: null,
      explanation: { da: 'test', en: 'test' },
      inputs: {},
      causeEventId: null,
    };
    await insertEvaluations(service.dataSource.manager, [record]);
    await service.dataSource.query(`UPDATE evaluations SET evaluated_at = $2, superseded_at = $3 WHERE id = $1`, [
      id,
      row.evaluatedAt,
      row.supersededAt,
    ]);
    return id;
  };

  it('registers both retention jobs as Bull repeatable jobs at boot', async () => {
    const queue = service.nest.get<Queue>(getQueueToken(SCHEDULED_QUEUE));
    const repeatable = await queue.getRepeatableJobs();
    expect(
      repeatable.filter((job) => Object.values(RETENTION_JOBS).includes(job.name as never)).map((job) => [job.name, job.every]),
    ).toEqual(
      expect.arrayContaining([
        [RETENTION_JOBS.processedEvents, WEEK_MS],
        [RETENTION_JOBS.evaluations, WEEK_MS],
      ]),
    );
  });

  it('drops a retention schedule of another interval at boot, and every one with RETENTION_EVERY_MS=0', async () => {
    const queue = service.nest.get<Queue>(getQueueToken(SCHEDULED_QUEUE));
    const retention = async () =>
      (await queue.getRepeatableJobs())
        .filter((job) => Object.values(RETENTION_JOBS).includes(job.name as never))
        .map((job) => [job.name, job.every])
        .sort();
    // An earlier deployment's daily schedule.
    await queue.add(RETENTION_JOBS.evaluations, {}, { repeat: { every: DAY }, jobId: RETENTION_JOBS.evaluations });
    await service.nest.get(RetentionJobs).onApplicationBootstrap();
    expect(await retention()).toEqual([
      [RETENTION_JOBS.evaluations, WEEK_MS],
      [RETENTION_JOBS.processedEvents, WEEK_MS],
    ]);
    const env = service.nest.get<GoalsEnv>(SERVICE_ENV);
    const off = new RetentionJobs(queue, service.nest.get(PruneProcessedEvents), service.nest.get(PruneEvaluations), {
      ...env,
      RETENTION_EVERY_MS: 0,
    });
    await off.onApplicationBootstrap();
    expect(await retention()).toEqual([]);
    await service.nest.get(RetentionJobs).onApplicationBootstrap();
    expect(await retention()).toHaveLength(2);
  });

  it('deletes superseded judgements past the retention, and keeps current ones and those a state or transition stands on', async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const created = (await admin.post('/v1/goals', goal)).body.id as string;
    // A real re-judgement: July is judged, then revised; the first judgement is superseded.
    await produceRaw(TOPICS.indicators, world.topicPrefix, [asMessage(indicatorComputedEvent(1.8793, '2021-07'))]);
    await waitUntil(async () => (await evaluationsOf(created)).length === 1, 15_000, 'the July judgement');
    await produceRaw(TOPICS.indicators, world.topicPrefix, [asMessage(indicatorComputedEvent(1.95, '2021-07', { previousValue: 1.8793 }))]);
    await waitUntil(async () => (await evaluationsOf(created)).some((e) => e.superseded), 15_000, 'the revised July judgement');
    const [rejudged] = (await evaluationsOf(created)).filter((e) => e.superseded);
    const [current] = (await evaluationsOf(created)).filter((e) => !e.superseded);
    await service.dataSource.query(`UPDATE evaluations SET superseded_at = $2 WHERE id = $1`, [rejudged.id, ago(11 * YEAR)]);

    const lapsed = await stored(created, { period: '2020-03', evaluatedAt: ago(12 * YEAR), supersededAt: ago(11 * YEAR) });
    const kept = {
      current,
      recent: await stored(created, { period: '2020-02', evaluatedAt: ago(12 * YEAR), supersededAt: ago(9 * YEAR) }),
      oldCurrent: await stored(created, { period: '2020-04', evaluatedAt: ago(15 * YEAR), supersededAt: null }),
      staleness: await stored(created, { period: '2020-04', kind: 'staleness', evaluatedAt: ago(15 * YEAR), supersededAt: null }),
      underTransition: await stored(created, { period: '2020-01', evaluatedAt: ago(12 * YEAR), supersededAt: ago(11 * YEAR) }),
    };
    await replaceTransitions(
      service.dataSource.manager,
      created,
      [],
      [{ period: '2020-01', from: null, to: 'breached', kind: 'breach', evaluationId: kept.underTransition }],
    );
    // A second goal whose state stands on a judgement superseded long ago.
    const other = (await admin.post('/v1/goals', { ...goal, name: 'Mål F' })).body.id as string;
    const underState = await stored(other, { period: '2019-12', evaluatedAt: ago(12 * YEAR), supersededAt: ago(11 * YEAR) });
    await saveGoalState(service.dataSource.manager, other, {
      state: 'breached',
      period: '2019-12',
      evaluationId: underState,
      lastJudged: 'breached',
      notified: null,
    });
    const all = async () => [...(await evaluationsOf(created)), ...(await evaluationsOf(other))].map((e) => e.id).sort();
    const before = await all();

    // EVALUATIONS_RETENTION_DAYS=0 keeps every evaluation.
    const env = service.nest.get<GoalsEnv>(SERVICE_ENV);
    const forever = new PruneEvaluations(
      service.nest.get(Transactions),
      service.nest.get(RetentionLock),
      service.nest.get(ServiceMetrics),
      { ...env, EVALUATIONS_RETENTION_DAYS: 0 },
    );
    expect(await forever.execute(now)).toEqual({ skipped: false, deleted: 0 });
    expect(await all()).toEqual(before);

    // The default (10 years), in batches of one row.
    expect(await service.nest.get(PruneEvaluations).execute(now)).toEqual({ skipped: false, deleted: 2 });
    expect(await all()).toEqual(before.filter((id) => id !== rejudged.id && id !== lapsed).sort());
    expect(await all()).toEqual(
      expect.arrayContaining([kept.current.id, kept.recent, kept.oldCurrent, kept.staleness, kept.underTransition, underState]),
    );

    // The goal and its evaluations still answer, standing on the current judgement.
    expect((await admin.get(`/v1/goals/${created}`)).body).toMatchObject({ state: 'breached', statePeriod: '2021-07' });
    const listed = (await admin.get(`/v1/goals/${created}/evaluations`)).body as { id: string; current: boolean }[];
    expect(listed.find((e) => e.id === kept.current.id)).toMatchObject({ current: true });
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/pejling_retention_pruned_rows_total\{table="evaluations",service="goals"\} 2/);
  });

  it("prunes processed-event ids past the indicators topic's retention through its job, keeping the ids of events just handled", async () => {
    const handled: { event_id: string }[] = await service.dataSource.query(`SELECT event_id FROM processed_events`);
    expect(handled.length).toBeGreaterThan(0);
    const old = randomUUID();
    await service.dataSource.query(`INSERT INTO processed_events (consumer, event_id, event_type, processed_at) VALUES ($1, $2, $3, $4)`, [
      'goals.indicators',
      old,
      'indicator.computed',
      new Date(Date.now() - 60 * DAY),
    ]);
    expect(await service.nest.get(RetentionJobs).pruneProcessedEvents()).toMatchObject({ skipped: false, deleted: 1 });
    const left: { event_id: string }[] = await service.dataSource.query(`SELECT event_id FROM processed_events`);
    expect(left.map((row) => row.event_id).sort()).toEqual(handled.map((row) => row.event_id).sort());
  });
});
