import { TOPICS } from '@pejling/contracts';
import { MUNICIPALITIES } from '@pejling/domain-kernel';
import {
  asMessage,
  createTestWorld,
  figureRecordedEvent,
  IDLE,
  produceRaw,
  RunningService,
  startService,
  TestWorld,
  testKafka,
  TopicProbe,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';
import { indicatorsApp } from './indicators.app';

interface Reading {
  indicatorId: string;
  municipality: string;
  period: string;
  benchmarks: { national: number | null };
}

const INDICATOR = 'share.a-dagpenge';
const DEBOUNCE_MS = 5_000;

/**
 * A lone figure does not wait for the debounce; a burst still does, and is recomputed once. Two
 * instances share the consumer group and the queue (real PostgreSQL and Kafka).
 */
describe('benchmarks of a lone figure and of a burst, two instances', () => {
  let world: TestWorld;
  let services: RunningService[] = [];
  let indicators: TopicProbe;

  beforeAll(async () => {
    world = await createTestWorld({
      BENCHMARK_DEBOUNCE_MS: String(DEBOUNCE_MS),
      BENCHMARK_MAX_DELAY_MS: '30000',
      BENCHMARK_QUIET_MS: '50',
    });
    indicators = await TopicProbe.start(TOPICS.indicators, world.topicPrefix);
    // One after the other: the second waits for the first's migrations and topics.
    services = [await startService(indicatorsApp, world.env)];
    services.push(await startService(indicatorsApp, world.env));
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const group = `${world.topicPrefix}pejling-indicators`;
      const formed = async () => {
        const [described] = (await admin.describeGroups([group])).groups;
        return described.state === 'Stable' && described.members.length === 2;
      };
      await waitUntil(formed, 60_000, 'both instances in the consumer group');
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    await indicators?.stop();
    for (const service of services) await service.close();
    await world?.cleanup();
  });

  const readings = (period: string) =>
    indicators
      .events()
      .map((event) => event.payload as Reading)
      .filter((reading) => reading.period === period && reading.indicatorId === INDICATOR);
  // A municipality's population and a-dagpenge: one key, so one partition and (mostly) one batch.
  const figures = (municipality: string, period: string, dagpenge = 1_500) => [
    asMessage(figureRecordedEvent(municipality, 'befolkning-16-66', 50_000, period)),
    asMessage(figureRecordedEvent(municipality, 'a-dagpenge', dagpenge, period)),
  ];
  /** Milliseconds from producing the figures to their reading on the topic. */
  const latency = async (municipality: string, period: string): Promise<number> => {
    const started = Date.now();
    await produceRaw(TOPICS.figures, world.topicPrefix, figures(municipality, period));
    await indicators.waitFor(() => readings(period).some((reading) => reading.municipality === municipality), 3 * DEBOUNCE_MS);
    return Date.now() - started;
  };

  it("publishes a lone figure's benchmarks well within the debounce", async () => {
    // Not measured: the first reading may also wait for the probe's own consumer group.
    await latency('147', '2020-01');
    const latencies = [];
    for (const [i, period] of ['2020-02', '2020-03', '2020-04', '2020-05', '2020-06'].entries())
      // 147 and 159 are on different partitions, which the two instances share out.
      latencies.push(await latency(i % 2 === 0 ? '147' : '159', period));
    // The quiet time (50 ms) plus the pipeline's own steps (~100 ms in all here), against 5 s of debounce.
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    const [reading] = readings('2020-04');
    expect(reading.benchmarks.national).toBeCloseTo(3, 6);
  });

  it('keeps coalescing a burst: every municipality of the period published once, after the debounce, with the national figure of all', async () => {
    await waitUntilIdle(world, IDLE.indicators);
    const codes = MUNICIPALITIES.map((municipality) => municipality.code);
    const started = Date.now();
    await produceRaw(
      TOPICS.figures,
      world.topicPrefix,
      codes.flatMap((code, i) => figures(code, '2019-03', 1_000 + 10 * i)),
    );
    await indicators.waitFor(() => readings('2019-03').length >= codes.length, 3 * DEBOUNCE_MS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(DEBOUNCE_MS);
    await waitUntilIdle(world, IDLE.indicators);
    await indicators.waitForEnd();
    // One recomputation: a second one, of part of the burst, would publish some municipalities again.
    expect(
      readings('2019-03')
        .map((reading) => reading.municipality)
        .sort(),
    ).toEqual([...codes].sort());
    // Σ(1.000 + 10 i, i < 98) / (98 × 50.000).
    const national = (100 * (98 * 1_000 + (10 * 97 * 98) / 2)) / (98 * 50_000);
    for (const reading of readings('2019-03')) expect(reading.benchmarks.national).toBeCloseTo(national, 6);
  });
});
