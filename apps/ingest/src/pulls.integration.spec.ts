import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  createTestWorld,
  JobindsatsFake,
  recordedJobindsats,
  RunningService,
  startService,
  TestWorld,
  TopicProbe,
  waitUntil,
} from '@pejling/testing';
import { ingestApp } from './ingest.app';

const API_KEY = 'recorded-test-key';
const JULY_PUBLISHED = 'Wed, 01 Sep 2021 06:00:00 GMT';

/** Scheduled pulls from the Jobindsats API v2, against a local server that answers with recorded responses. */
describe('Jobindsats pulls (real HTTP, Bull, PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let ingest: RunningService;
  let admin: ReturnType<typeof apiClient>;
  let runs: TopicProbe;
  let figures: TopicProbe;
  const fake = new JobindsatsFake();

  beforeAll(async () => {
    const baseUrl = await fake.start();
    fake.serve('y07a02', {
      tables: recordedJobindsats('y07a02.tables.json'),
      data: recordedJobindsats('y07a02.data.json'),
      lastModified: JULY_PUBLISHED,
    });
    fake.serve('y30r21', { tables: recordedJobindsats('y30r21.tables.json'), data: recordedJobindsats('y30r21.data.json') });
    world = await createTestWorld({
      JOBINDSATS_BASE_URL: baseUrl,
      JOBINDSATS_API_KEY: API_KEY,
      JOBINDSATS_PULLS: JSON.stringify([
        { table: 'y07a02', cron: '0 6 * * *', periods: { latest: 13 }, kind: 'month' },
        { table: 'y30r21', cron: '30 6 1 * *', areas: ['Dragør'], periods: { latest: 3 } },
      ]),
      PULL_MAX_ATTEMPTS: '3',
      PULL_BACKOFF_MS: '50',
    });
    runs = await TopicProbe.start(TOPICS.ingestRuns, world.topicPrefix);
    figures = await TopicProbe.start(TOPICS.figures, world.topicPrefix);
    ingest = await startService(ingestApp, world.env);
    admin = apiClient(ingest.baseUrl, await world.apiKey('admin'));
  });

  afterAll(async () => {
    await runs?.stop();
    await figures?.stop();
    await ingest?.close();
    await fake.stop();
    await world?.cleanup();
  });

  const runNow = async (table: string) => {
    const started = await admin.post(`/v1/pulls/${table}/run`, {});
    expect(started.status).toBe(202);
    const pullId: string = started.body.pullId;
    await waitUntil(
      async () =>
        (await admin.get(`/v1/pulls/runs?pullId=${pullId}`)).body.some(
          (run: { status: string; willRetry: boolean | null }) =>
            run.status === 'succeeded' || (run.status === 'failed' && run.willRetry === false),
        ),
      20_000,
      `pull ${pullId}`,
    );
    return { pullId, attempts: (await admin.get(`/v1/pulls/runs?pullId=${pullId}`)).body.reverse() };
  };
  const stored = (series: string) =>
    ingest.dataSource.query(
      `SELECT municipality, period, value, source_updated_at FROM figures WHERE series = $1 ORDER BY period, municipality`,
      [series],
    );

  it('schedules every configured pull as a Bull repeatable job in Danish time and lists them', async () => {
    const listed = (await admin.get('/v1/pulls')).body;
    expect(listed.pulls.map((pull: { table: string; cron: string }) => [pull.table, pull.cron])).toEqual([
      ['y07a02', '0 6 * * *'],
      ['y30r21', '30 6 1 * *'],
    ]);
    const { getQueueToken } = await import('@nestjs/bull');
    const queue = ingest.nest.get(getQueueToken('jobindsats-pulls'));
    const repeatable = await queue.getRepeatableJobs();
    expect(repeatable.map((job: { cron: string; tz: string }) => [job.cron, job.tz]).sort()).toEqual([
      ['0 6 * * *', 'Europe/Copenhagen'],
      ['30 6 1 * *', 'Europe/Copenhagen'],
    ]);
  });

  it('pulls a table: asks for the newest periods with the key, stores the figures with the source’s publication time, and reports completion', async () => {
    const { pullId, attempts } = await runNow('y07a02');
    expect(attempts).toMatchObject([{ status: 'succeeded', attempt: 1, periods: expect.arrayContaining(['2021-07']) }]);
    const request = fake.requests.find((call) => call.path === '/v2/data/y07a02/json');
    expect(request).toMatchObject({
      method: 'POST',
      authorization: API_KEY,
      body: { area: '*', period: expect.arrayContaining(['2020M07', '2021M07']) },
    });
    expect((request?.body as { period: string[] }).period).toHaveLength(13);
    expect(await stored('sygedagpenge')).toEqual([
      { municipality: '147', period: '2020-07', value: 904, source_updated_at: new Date('2021-09-01T06:00:00Z') },
      { municipality: '000', period: '2021-07', value: 66017, source_updated_at: new Date('2021-09-01T06:00:00Z') },
      { municipality: '147', period: '2021-07', value: 1217, source_updated_at: new Date('2021-09-01T06:00:00Z') },
    ]);
    const [completed] = await runs.waitFor((all) => all.some((message) => message.event?.type === 'pull.completed'));
    expect(completed.key).toBe('000');
    expect(completed.event?.payload).toMatchObject({ pullId, table: 'y07a02', rows: { total: 3, created: 3, rejected: 0 } });
    await figures.waitFor((all) => all.length >= 3);
    // "Hele landet" is the country, an area of its own, keyed by its code.
    expect(figures.events().find((event) => event.municipality === '000')?.payload).toMatchObject({ area: 'country', value: 66017 });
    expect(figures.events()[0].payload).toMatchObject({ source: 'jobindsats:y07a02', sourceUpdatedAt: '2021-09-01T06:00:00.000Z' });
  });

  it('publishes a revision with both source timestamps when Jobindsats revises a figure', async () => {
    const revised = recordedJobindsats('y07a02.data.json') as { Data: string[][] }[];
    revised[0].Data[0][2] = '910';
    fake.serve('y07a02', {
      tables: recordedJobindsats('y07a02.tables.json'),
      data: revised,
      lastModified: 'Fri, 01 Oct 2021 06:00:00 GMT',
    });
    await runNow('y07a02');
    const revision = await figures.waitFor((all) => all.some((message) => (message.event?.payload as { revision: number }).revision === 2));
    expect(revision.find((message) => (message.event?.payload as { revision: number }).revision === 2)?.event?.payload).toMatchObject({
      period: '2020-07',
      value: 910,
      previousValue: 904,
      sourceUpdatedAt: '2021-10-01T06:00:00.000Z',
      previousSourceUpdatedAt: '2021-09-01T06:00:00.000Z',
    });
    const [row] = await ingest.dataSource.query(
      `SELECT previous_value, value, previous_source_updated_at, source_updated_at FROM figure_revisions`,
    );
    expect(row).toEqual({
      previous_value: 904,
      value: 910,
      previous_source_updated_at: new Date('2021-09-01T06:00:00Z'),
      source_updated_at: new Date('2021-10-01T06:00:00Z'),
    });
  });

  it('retries a failing pull with backoff, reporting each failure as an event, and then succeeds', async () => {
    fake.failNext(2, 503);
    const { pullId, attempts } = await runNow('y30r21');
    expect(
      attempts.map((run: { attempt: number; status: string; willRetry: boolean | null }) => [run.attempt, run.status, run.willRetry]),
    ).toEqual([
      [1, 'failed', true],
      [2, 'failed', true],
      [3, 'succeeded', null],
    ]);
    const failures = runs
      .events()
      .filter((event) => event.type === 'pull.failed' && (event.payload as { pullId: string }).pullId === pullId);
    expect(failures.map((event) => event.payload)).toMatchObject([
      { attempt: 1, maxAttempts: 3, willRetry: true, error: expect.stringMatching(/HTTP 503/) },
      { attempt: 2, maxAttempts: 3, willRetry: true },
    ]);
    expect(fake.requests.filter((call) => call.path === '/v2/data/y30r21/json').at(-1)?.body).toMatchObject({
      area: ['Dragør'],
      period: ['2020QMAT02', '2020QMAT04', '2021QMAT02'],
      _ygrp_y30r21: expect.arrayContaining(['Ydelsesgrupper i alt']),
    });
    const benchmark = await ingest.dataSource.query(
      `SELECT series, value FROM figures WHERE municipality = '155' AND period = '2021QMAT02' AND series LIKE 'benchmark.%-fuldtidspersoner' ORDER BY series`,
    );
    expect(benchmark).toEqual([
      { series: 'benchmark.faktiske-fuldtidspersoner', value: 620 },
      { series: 'benchmark.forventede-fuldtidspersoner', value: 520 },
    ]);
  });

  it('never half-ingests: a response with one unreadable cell stores nothing and fails without retrying', async () => {
    const before = (await ingest.dataSource.query('SELECT count(*)::int AS n FROM figures'))[0].n;
    const broken = recordedJobindsats('y07a02.data.json') as { Data: string[][] }[];
    broken[0].Data[0][2] = '1.2.3';
    fake.serve('y07a02', { tables: recordedJobindsats('y07a02.tables.json'), data: broken });
    const { pullId, attempts } = await runNow('y07a02');
    expect(attempts).toMatchObject([
      { status: 'failed', willRetry: false, error: expect.stringMatching(/nothing was stored: Import rejected: 1 problem/) },
    ]);
    expect((await ingest.dataSource.query('SELECT count(*)::int AS n FROM figures'))[0].n).toBe(before);
    await runs.waitFor((all) =>
      all.some((message) => message.event?.type === 'pull.failed' && (message.event.payload as { pullId: string }).pullId === pullId),
    );
  });

  it('does not retry what another attempt cannot fix (a refused key), and refuses unknown tables', async () => {
    fake.failNext(1, 401, '{"Message":"Authorization has been denied for this request."}');
    const { attempts } = await runNow('y07a02');
    expect(attempts).toMatchObject([{ attempt: 1, status: 'failed', willRetry: false, error: expect.stringMatching(/HTTP 401/) }]);
    expect((await admin.post('/v1/pulls/y99x99/run', {})).status).toBe(400);
    // Operators may run pulls; viewers may not.
    const viewer = apiClient(ingest.baseUrl, await world.apiKey('viewer'));
    expect((await viewer.post('/v1/pulls/y07a02/run', {})).status).toBe(403);
  });
});
