import { DEAD_LETTER_HEADERS, deadLetterTopic, TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  figureRecordedEvent,
  IDLE,
  produceRaw,
  RunningService,
  startService,
  TestWorld,
  TopicProbe,
  topicSize,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';
import { indicatorsApp } from './indicators.app';

const figure = (series: string, value: number, _unit: string, period = '2021-07', previousValue: number | null = null) =>
  figureRecordedEvent('147', series, value, period, previousValue);
const message = asMessage;
// Indicators has handled every figure so far, recomputed every queued benchmark and published what it wrote.
const indicatorsIdle = (world: TestWorld) => waitUntilIdle(world, IDLE.indicators);

describe('indicators service (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let service: RunningService;
  let indicators: TopicProbe;
  let deadLetters: TopicProbe;

  beforeAll(async () => {
    world = await createTestWorld({ CONSUMER_MAX_ATTEMPTS: '2' });
    indicators = await TopicProbe.start(TOPICS.indicators, world.topicPrefix);
    deadLetters = await TopicProbe.start(deadLetterTopic(TOPICS.figures), world.topicPrefix);
    service = await startService(indicatorsApp, world.env);
  });

  afterAll(async () => {
    await indicators?.stop();
    await deadLetters?.stop();
    await service?.close();
    await world?.cleanup();
  });

  it('computes the share of Sygedagpenge mv. once numerator and population are present', async () => {
    await produceRaw(TOPICS.figures, world.topicPrefix, [
      message(figure('sygedagpenge', 1217, 'full-time-persons')),
      message(figure('jobafklaringsforloeb', 106, 'full-time-persons')),
      message(figure('befolkning-16-66', 70400, 'persons')),
    ]);
    await indicators.waitFor((all) =>
      all.some((m) => m.event?.payload && (m.event.payload as { indicatorId: string }).indicatorId === 'share.sygedagpenge-mv'),
    );
    const group = indicators.events().find((event) => (event.payload as { indicatorId: string }).indicatorId === 'share.sygedagpenge-mv')!;
    expect(group.municipality).toBe('147');
    expect(group.payload).toMatchObject({
      period: '2021-07',
      numerator: 1323,
      denominator: 70400,
      parts: { sygedagpenge: 1217, jobafklaringsforloeb: 106 },
    });
    expect((group.payload as { value: number }).value).toBeCloseTo(1.8793, 4);
  });

  it('does nothing when the same message is delivered twice', async () => {
    const event = figure('sygedagpenge', 1300, 'full-time-persons', '2021-07', 1217);
    await produceRaw(TOPICS.figures, world.topicPrefix, [message(event)]);
    await indicators.waitFor((all) => all.some((m) => (m.event?.payload as { numerator?: number })?.numerator === 1406));
    await indicatorsIdle(world);
    const before = await topicSize(TOPICS.indicators, world.topicPrefix);
    // The duplicate, then a marker on the same key: once the marker's indicator is out, the duplicate was consumed.
    await produceRaw(TOPICS.figures, world.topicPrefix, [message(event), message(figure('fleksjob', 520, 'full-time-persons'))]);
    await indicators.waitFor((all) => all.some((m) => (m.event?.payload as { indicatorId?: string })?.indicatorId === 'share.fleksjob'));
    await indicatorsIdle(world);
    expect(await topicSize(TOPICS.indicators, world.topicPrefix)).toBe(before + 1);
    const processed = await service.dataSource.query(`SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1`, [event.id]);
    expect(processed[0].n).toBe(1);
  });

  it('sends a poison message to the dead-letter topic with the reason and keeps consuming', async () => {
    await produceRaw(TOPICS.figures, world.topicPrefix, [
      { key: '147', value: '{"this is": "not an event"}' },
      message(figure('a-dagpenge', 2113, 'full-time-persons')),
    ]);
    const [dead] = await deadLetters.waitFor((all) => all.length >= 1);
    expect(dead.key).toBe('147');
    expect(dead.headers[DEAD_LETTER_HEADERS.exceptionMessage]).toMatch(/invalid envelope: id: /);
    expect(dead.headers[DEAD_LETTER_HEADERS.originalTopic]).toBe(`${world.topicPrefix}${TOPICS.figures}`);
    await indicators.waitFor((all) => all.some((m) => (m.event?.payload as { indicatorId?: string })?.indicatorId === 'share.a-dagpenge'));
  });

  it('serves a series with its development against the same month last year and a baseline', async () => {
    await produceRaw(TOPICS.figures, world.topicPrefix, [
      message(figure('sygedagpenge', 904, 'full-time-persons', '2020-07')),
      message(figure('jobafklaringsforloeb', 232, 'full-time-persons', '2020-07')),
      message(figure('befolkning-16-66', 70400, 'persons', '2020-07')),
    ]);
    const api = apiClient(service.baseUrl, await world.apiKey('operator'));
    const url = '/v1/indicators/series?municipality=147&indicator=share.sygedagpenge-mv&baseline=2020-07';
    await waitUntil(async () => (await api.get(url)).body.length === 2, 20_000, 'two periods');
    const [, july2021] = (await api.get(url)).body;
    // Sygedagpenge mv. July 2020 → July 2021 (the 2021 sygedagpenge figure was revised to 1.300 above): 1.136 → 1.406 FTP.
    expect(july2021).toMatchObject({
      period: '2021-07',
      count: { sameMonthLastYear: { from: 1136, to: 1406, change: 270 }, rolling12: null },
    });
    expect((await api.get('/v1/indicators/series?municipality=999&indicator=x')).status).toBe(400);
  });

  it('serves indicator values over HTTP', async () => {
    const response = await apiClient(service.baseUrl, await world.apiKey('operator')).get(
      '/v1/indicators?municipality=147&indicator=share.sygedagpenge-mv',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({ indicatorId: 'share.sygedagpenge-mv', period: '2021-07', numerator: 1406 }),
      expect.objectContaining({ indicatorId: 'share.sygedagpenge-mv', period: '2020-07', numerator: 1136 }),
    ]);
  });

  it('recomputes the benchmarks of a burst of figures once: one reading per municipality, with the national average of all of them', async () => {
    const municipalities = ['101', '147', '151', '153', '155', '157', '159', '161', '163', '165', '167', '169'];
    const before = indicators.events().filter((event) => (event.payload as { period: string }).period === '2019-03').length;
    expect(before).toBe(0);
    await produceRaw(
      TOPICS.figures,
      world.topicPrefix,
      municipalities.flatMap((code, i) => [
        asMessage(figureRecordedEvent(code, 'befolkning-16-66', 50_000, '2019-03')),
        asMessage(figureRecordedEvent(code, 'a-dagpenge', 1_000 + 100 * i, '2019-03')),
      ]),
    );
    const march = () =>
      indicators.events().filter((event) => (event.payload as { period: string; indicatorId: string }).period === '2019-03');
    await indicators.waitFor(() => march().length >= municipalities.length);
    await indicatorsIdle(world);
    await indicators.waitForEnd();
    const readings = march().map(
      (event) => event.payload as { municipality: string; indicatorId: string; benchmarks: { national: number } },
    );
    expect(readings.map((reading) => reading.municipality).sort()).toEqual(municipalities);
    expect(new Set(readings.map((reading) => reading.indicatorId))).toEqual(new Set(['share.a-dagpenge']));
    // Σ(1.000 … 2.100) / (12 × 50.000) = 18.600 / 600.000 = 3,1 %.
    for (const reading of readings) expect(reading.benchmarks.national).toBeCloseTo(3.1, 6);
    expect(await service.dataSource.query('SELECT count(*)::int AS n FROM benchmark_queue')).toEqual([{ n: 0 }]);
  });
});
