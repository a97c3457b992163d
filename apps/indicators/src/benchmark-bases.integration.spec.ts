import { createEvent, EventEnvelope, TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  figureRecordedEvent,
  produceRaw,
  RunningService,
  startService,
  TestWorld,
  TopicProbe,
} from '@pejling/testing';
import { indicatorsApp } from './indicators.app';

interface Reading {
  indicatorId: string;
  municipality: string;
  period: string;
  value: number;
  benchmarks: {
    national: number | null;
    cluster: number | null;
    clusterMembers: string[];
    nationalBasis: { source: string; municipalities: number; of: number };
    clusterBasis: {
      source: string;
      planId?: string;
      planVersion?: number;
      effectiveFrom: string | null;
      members: number;
      withData: number;
    } | null;
  };
  rank: { countryOf: number };
}

const INDICATOR = 'share.a-dagpenge';
const PEERS = ['101', '157', '159'];

/** Official national figures from the country's own rows, and clusters declared by plans (real PostgreSQL and Kafka). */
describe('benchmark bases: the official national figure and plan-declared clusters', () => {
  let world: TestWorld;
  let service: RunningService;
  let indicators: TopicProbe;

  beforeAll(async () => {
    world = await createTestWorld({ BENCHMARK_DEBOUNCE_MS: '100', BENCHMARK_MAX_DELAY_MS: '500' });
    indicators = await TopicProbe.start(TOPICS.indicators, world.topicPrefix);
    service = await startService(indicatorsApp, world.env);
  });

  afterAll(async () => {
    await indicators?.stop();
    await service?.close();
    await world?.cleanup();
  });

  const readings = () => indicators.events().map((event) => event.payload as Reading);
  const latest = (municipality: string, period: string, where: (reading: Reading) => boolean = () => true) =>
    readings()
      .filter(
        (reading) =>
          reading.municipality === municipality && reading.period === period && reading.indicatorId === INDICATOR && where(reading),
      )
      .at(-1);
  const figures = (period: string, dagpenge: Record<string, number>) =>
    Object.entries(dagpenge).flatMap(([code, value]) => [
      asMessage(figureRecordedEvent(code, 'befolkning-16-66', 50_000, period)),
      asMessage(figureRecordedEvent(code, 'a-dagpenge', value, period)),
    ]);

  it("computes the national average from the municipalities with its coverage, then takes the country's own figure, which is no reading and no rank", async () => {
    await produceRaw(TOPICS.figures, world.topicPrefix, figures('2021-07', { '147': 1500, '101': 1000, '157': 2000, '159': 2500 }));
    await indicators.waitFor(() => readings().filter((reading) => reading.period === '2021-07').length >= 4);
    expect(latest('147', '2021-07')?.benchmarks).toMatchObject({
      nationalBasis: { source: 'municipalities', municipalities: 4, of: 98 },
      clusterBasis: null,
    });
    expect(latest('147', '2021-07')?.benchmarks.national).toBeCloseTo((100 * 7000) / 200_000, 6);

    // "Hele landet": 2,6 % of the 16-66-year-olds (the country's own numerator and population).
    await produceRaw(TOPICS.figures, world.topicPrefix, [
      asMessage(figureRecordedEvent('000', 'befolkning-16-66', 3_800_000, '2021-07')),
      asMessage(figureRecordedEvent('000', 'a-dagpenge', 98_800, '2021-07')),
    ]);
    await indicators.waitFor(() =>
      ['147', '101', '157', '159'].every(
        (code) => !!latest(code, '2021-07', (reading) => reading.benchmarks.nationalBasis.source === 'official'),
      ),
    );
    const official = latest('147', '2021-07', (reading) => reading.benchmarks.nationalBasis.source === 'official')!;
    expect(official.benchmarks.national).toBeCloseTo(2.6, 6);
    expect(official.benchmarks.nationalBasis).toEqual({ source: 'official', municipalities: 4, of: 98 });
    expect(official.rank.countryOf).toBe(4);
    expect(readings().some((reading) => reading.municipality === '000')).toBe(false);
  });

  it('uses the clusters a plan declares from their month on, recomputes those periods only, and refuses PUT on them (409 naming the plan)', async () => {
    await produceRaw(TOPICS.figures, world.topicPrefix, figures('2021-01', { '147': 1500, '101': 1000, '157': 2000, '159': 2500 }));
    await indicators.waitFor(() => readings().filter((reading) => reading.period === '2021-01').length >= 4);
    expect(latest('147', '2021-01')?.benchmarks.cluster).toBeNull();
    const before = indicators.events().length;

    const declared: EventEnvelope = createEvent(
      'plan.clusters-declared',
      {
        planId: 'frederiksberg-2022',
        planVersion: 1,
        municipality: '147',
        effectiveFrom: '2022-01',
        clusters: [{ indicatorId: INDICATOR, members: [...PEERS, '161'], from: '2021-06' }],
        removed: [],
      },
      { source: 'pejling/goals', municipality: '147' },
    );
    await produceRaw(TOPICS.plans, world.topicPrefix, [asMessage(declared), asMessage(declared)]);
    const july = await indicators.waitFor(() => !!latest('147', '2021-07', (reading) => reading.benchmarks.cluster !== null));
    expect(july.length).toBeGreaterThan(before);
    const reading = latest('147', '2021-07', (found) => found.benchmarks.cluster !== null)!;
    // Mean of 2 %, 4 % and 5 % (161 has no data): 3 of 4 members.
    expect(reading.benchmarks.cluster).toBeCloseTo((2 + 4 + 5) / 3, 6);
    expect(reading.benchmarks.clusterMembers).toEqual(['101', '157', '159', '161']);
    expect(reading.benchmarks.clusterBasis).toEqual({
      source: 'plan',
      planId: 'frederiksberg-2022',
      planVersion: 1,
      effectiveFrom: '2021-06',
      members: 4,
      withData: 3,
    });
    // January 2021 lies before the cluster's month: not recomputed, still without a cluster.
    expect(latest('147', '2021-01')?.benchmarks.cluster).toBeNull();
    const stored = await service.dataSource.query(`SELECT count(*)::int AS n FROM cluster_declarations WHERE source = 'plan'`);
    expect(stored).toEqual([{ n: 1 }]);

    const admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    const refused = await admin.put(`/v1/clusters/147/${INDICATOR}`, { members: PEERS });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/declared by plan frederiksberg-2022 \(version 1, from 2021-06\)/);
    expect((await admin.put(`/v1/clusters/101/${INDICATOR}`, { members: ['147'] })).status).toBe(422);
    expect((await admin.put(`/v1/clusters/101/${INDICATOR}`, { members: ['147', '157'] })).status).toBe(200);

    const listed = (await admin.get('/v1/clusters')).body as {
      municipality: string;
      source: string;
      planId: string | null;
      planVersion: number | null;
      effectiveFrom: string | null;
    }[];
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          municipality: '147',
          indicatorId: INDICATOR,
          source: 'plan',
          planId: 'frederiksberg-2022',
          planVersion: 1,
          effectiveFrom: '2021-06',
        }),
        expect.objectContaining({
          municipality: '101',
          indicatorId: INDICATOR,
          source: 'api',
          planId: null,
          planVersion: null,
          effectiveFrom: null,
          members: ['147', '157'],
        }),
      ]),
    );
  });

  it("drops a cluster the next plan version removes, from that version's month, and the API may set one again", async () => {
    const removed = createEvent(
      'plan.clusters-declared',
      {
        planId: 'frederiksberg-2022',
        planVersion: 2,
        municipality: '147',
        effectiveFrom: '2021-07',
        clusters: [],
        removed: [{ indicatorId: INDICATOR, from: '2021-07' }],
      },
      { source: 'pejling/goals', municipality: '147' },
    );
    await produceRaw(TOPICS.plans, world.topicPrefix, [asMessage(removed)]);
    await indicators.waitFor(() => latest('147', '2021-07')?.benchmarks.cluster === null);
    expect(latest('147', '2021-07')?.benchmarks.clusterBasis).toBeNull();
    const admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    expect((await admin.put(`/v1/clusters/147/${INDICATOR}`, { members: PEERS })).status).toBe(200);
    await indicators.waitFor(() => latest('147', '2021-07')?.benchmarks.clusterBasis?.source === 'api');
  });
});
