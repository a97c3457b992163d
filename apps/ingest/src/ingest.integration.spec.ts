import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  createTestWorld,
  FREDERIKSBERG_JULY_2021,
  IDLE,
  RunningService,
  startService,
  TestWorld,
  TopicProbe,
  topicSize,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';
import { ingestApp } from './ingest.app';

const frederiksbergJuly2021 = FREDERIKSBERG_JULY_2021;

describe('ingest service (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let ingest: RunningService;
  let probe: TopicProbe;
  let integratorKey: string;

  beforeAll(async () => {
    world = await createTestWorld();
    ingest = await startService(ingestApp, world.env);
    integratorKey = await world.apiKey('integrator');
    probe = await TopicProbe.start(TOPICS.figures, world.topicPrefix);
  });

  afterAll(async () => {
    await probe?.stop();
    await ingest?.close();
    await world?.cleanup();
  });

  /** `key: null` sends no API key at all. */
  const post = (body: unknown, key: string | null = integratorKey, raw?: string) => {
    const client = apiClient(ingest.baseUrl, key ?? undefined);
    return raw ? client.postRaw('/v1/figures', raw) : client.post('/v1/figures', body);
  };

  const figureCount = async () => Number((await ingest.dataSource.query('SELECT count(*) AS n FROM figures'))[0].n);
  const outboxCount = async () => Number((await ingest.dataSource.query('SELECT count(*) AS n FROM outbox'))[0].n);

  it('stores a batch and publishes one event per figure, keyed by municipality', async () => {
    const response = await post({ figures: frederiksbergJuly2021 });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ received: 3, created: 3, revised: 0, unchanged: 0, published: 3 });
    expect(await figureCount()).toBe(3);

    const messages = await probe.waitFor((all) => all.length >= 3);
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message.key).toBe('147');
      expect(message.event).toMatchObject({ type: 'figure.recorded', version: 3, source: 'pejling/ingest', municipality: '147' });
      expect(message.headers.ce_id).toBe(message.event!.id);
    }
    const jobafklaring = probe.events().find((event) => (event.payload as { series: string }).series === 'jobafklaringsforloeb');
    expect(jobafklaring?.payload).toMatchObject({ period: '2021-07', value: 106, previousValue: null, revision: 1 });
  });

  it('publishes nothing when the same figures are posted again', async () => {
    await waitUntilIdle(world, IDLE.ingest);
    const before = await topicSize(TOPICS.figures, world.topicPrefix);
    const response = await post({ figures: frederiksbergJuly2021 });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ created: 0, revised: 0, unchanged: 3, published: 0 });
    await waitUntilIdle(world, IDLE.ingest); // anything the post wrote to the outbox would be on the topic now
    expect(await topicSize(TOPICS.figures, world.topicPrefix)).toBe(before);
  });

  it('publishes a revision with the previous value when a figure changes', async () => {
    const response = await post({ figures: [{ ...frederiksbergJuly2021[0], value: 1300 }] });
    expect(response.body).toMatchObject({ created: 0, revised: 1, unchanged: 0, published: 1 });
    const messages = await probe.waitFor((all) => all.length >= 4);
    expect(messages[3].event?.payload).toMatchObject({ series: 'sygedagpenge', value: 1300, previousValue: 1217, revision: 2 });
    const revisions = await ingest.dataSource.query('SELECT previous_value, value, revision FROM figure_revisions');
    expect(revisions).toEqual([{ previous_value: 1217, value: 1300, revision: 2 }]);
  });

  it('stores concurrent batches with the same new figures in opposite orders without a deadlock', async () => {
    const figures = Array.from({ length: 300 }, (_, index) => ({
      municipality: ['101', '147', '155'][index % 3],
      series: 'a-dagpenge',
      period: `20${String(10 + Math.floor(index / 36)).padStart(2, '0')}-${String((Math.floor(index / 3) % 12) + 1).padStart(2, '0')}`,
      value: index,
      unit: 'full-time-persons',
      source: 'concurrency-test',
    }));
    const responses = await Promise.all([
      post({ figures }),
      post({ figures: [...figures].reverse() }),
      post({ figures }),
      post({ figures: [...figures].reverse() }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(responses.reduce((sum, response) => sum + response.body.created, 0)).toBe(300);
    expect(responses.reduce((sum, response) => sum + response.body.unchanged, 0)).toBe(900);
  });

  it('rejects a batch with any invalid row whole, listing every bad row and field, and stores and publishes nothing', async () => {
    // The relay deletes what it has sent: once the earlier tests' events are out, the outbox is empty and the topic still.
    await waitUntil(async () => (await outboxCount()) === 0, 20_000, 'the earlier events to be published');
    const [figuresBefore, outboxBefore, topicBefore] = [
      await figureCount(),
      await outboxCount(),
      await topicSize(TOPICS.figures, world.topicPrefix),
    ];
    const response = await post({
      figures: [
        { municipality: '101', series: 'sygedagpenge', period: '2021-07', value: 9000, unit: 'full-time-persons', source: 'jobindsats' },
        { municipality: '999', series: 'sygedagpenge', period: '2021-07', value: 10, unit: 'full-time-persons', source: 'jobindsats' },
        { municipality: '147', series: 'sygedagpenge', period: '2021-13', value: 10, unit: 'full-time-persons', source: 'jobindsats' },
        { municipality: '147', series: 'sygedagpenge', period: '2021-06', value: -5, unit: 'full-time-persons', source: 'jobindsats' },
        { municipality: '147', series: 'sygedagpenge', period: '2021-05', value: 10, unit: 'percent', source: 'jobindsats' },
        { municipality: '147', series: 'sygedagpenge', period: '2021-04', unit: 'full-time-persons', source: 'jobindsats' },
      ],
    });
    expect(response.status).toBe(422);
    const body = response.body;
    expect(body.message).toBe('Batch rejected: 5 of 6 rows are invalid; nothing was stored.');
    const byRow = Object.fromEntries(body.errors.map((error: { row: number; field: string }) => [error.row, error.field]));
    expect(byRow).toEqual({ 2: 'municipality', 3: 'period', 4: 'value', 5: 'unit', 6: 'value' });
    expect(body.errors[0]).toMatchObject({ row: 2, path: 'figures[1].municipality' });
    await waitUntilIdle(world, IDLE.ingest);
    expect([await figureCount(), await outboxCount(), await topicSize(TOPICS.figures, world.topicPrefix)]).toEqual([
      figuresBefore,
      outboxBefore,
      topicBefore,
    ]);
  });

  it('refuses unknown fields, keys given twice, control characters and impossible values, naming row and field', async () => {
    const before = await figureCount();
    const row = frederiksbergJuly2021[0];
    const strict = await post({
      figures: [
        { ...row, vaule: 1 },
        { ...row, period: '2021-06', source: 'jobind\u0000sats' },
        { ...row, period: '2021-05', value: 900_000 },
      ],
    });
    expect(strict.status).toBe(422);
    expect(strict.body.errors).toEqual([
      { row: 1, path: 'figures[0].vaule', field: 'vaule', reason: 'is not a known field' },
      { row: 2, path: 'figures[1].source', field: 'source', reason: 'contains a control character (U+0000) at position 7' },
      {
        row: 3,
        path: 'figures[2].value',
        field: 'value',
        reason: "900.000 full-time-persons cannot be true: no municipality's count of persons exceeds 700.000, more than its population",
      },
    ]);
    const twice = await post(undefined, integratorKey, `{"figures":[{"municipality":"147","value":1,"value":2}]}`);
    expect(twice.status).toBe(400);
    expect(twice.body.message).toMatch(/gives a key twice in one object: figures\[0\]\.value/);
    const deep = await post(undefined, integratorKey, `{"figures":${'['.repeat(100)}${']'.repeat(100)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.message).toMatch(/nests deeper than 64 levels/);
    expect((await post({ figures: [row], extra: true })).body.message).toMatch(/fields Pejling does not know: extra/);
    expect(await figureCount()).toBe(before);
  });

  it('answers 400 for a body that is not a batch and 413 for a body over the limit', async () => {
    expect((await post({ rows: [] })).status).toBe(400);
    expect((await post(undefined, integratorKey, '{"figures": [')).status).toBe(400);
    const huge = { figures: Array.from({ length: 40_000 }, () => frederiksbergJuly2021[0]) };
    expect((await post(huge)).status).toBe(413);
  });

  it('requires an API key with a role that may post figures', async () => {
    const missing = await post({ figures: frederiksbergJuly2021 }, null);
    expect(missing.status).toBe(401);
    expect(missing.body.message).toMatch(/Missing API key/);
    expect((await post({ figures: frederiksbergJuly2021 }, 'pjl_not-a-real-key')).status).toBe(401);
    const viewer = await post({ figures: frederiksbergJuly2021 }, await world.apiKey('viewer'));
    expect(viewer.status).toBe(403);
    expect(viewer.body.message).toMatch(/requires the role integrator or admin or operator; the key 'test-viewer' has the role viewer/);
  });

  it('reports database and broker health without a key', async () => {
    const response = await apiClient(ingest.baseUrl).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' } } });
  });
});
