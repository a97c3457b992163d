import { EventEnvelope, IndicatorComputed, TOPICS } from '@pejling/contracts';
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

/** 13 months, January 2020 to January 2021, of two municipalities' Sygedagpenge mv. and population. */
const MONTHS = Array.from({ length: 13 }, (_, i) => (i < 12 ? `2020-${String(i + 1).padStart(2, '0')}` : '2021-01'));
const FREDERIKSSUND = { code: '250', population: 28000, sygedagpenge: (i: number) => 800 + 10 * i, jobafklaring: () => 100 };
const GREVE = { code: '253', population: 32000, sygedagpenge: (i: number) => 700 - 5 * i, jobafklaring: (i: number) => 120 + i };

const share = (numerator: number, denominator: number) => (100 * numerator) / denominator;

describe('derived indicators: 12-month change and rolling mean (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let service: RunningService;
  let readings: TopicProbe;

  const events = () => readings.events() as EventEnvelope<'indicator.computed'>[];
  const readingsOf = (indicatorId: string, municipality: string, period: string) =>
    events()
      .map((event) => event.payload as IndicatorComputed)
      .filter((reading) => reading.indicatorId === indicatorId && reading.municipality === municipality && reading.period === period);
  const latest = (indicatorId: string, municipality: string, period: string) => readingsOf(indicatorId, municipality, period).at(-1);

  beforeAll(async () => {
    world = await createTestWorld();
    readings = await TopicProbe.start(TOPICS.indicators, world.topicPrefix);
    service = await startService(indicatorsApp, world.env);
  });

  afterAll(async () => {
    await readings?.stop();
    await service?.close();
    await world?.cleanup();
  });

  it('publishes the change against the same month last year (in pp, national = change of the national share) and the 12-month mean', async () => {
    // Frederikssund's cluster on Sygedagpenge mv. is Greve: the derived readings are compared within it too.
    const admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    expect((await admin.put('/v1/clusters/250/share.sygedagpenge-mv', { members: ['253', '259'] })).status).toBe(200);
    expect((await admin.put('/v1/clusters/250/share.sygedagpenge-mv.change-12m', { members: ['253', '259'] })).status).toBe(404);

    await produceRaw(
      TOPICS.figures,
      world.topicPrefix,
      [FREDERIKSSUND, GREVE].flatMap((m) =>
        MONTHS.flatMap((period, i) => [
          asMessage(figureRecordedEvent(m.code, 'befolkning-16-66', m.population, period)),
          asMessage(figureRecordedEvent(m.code, 'sygedagpenge', m.sygedagpenge(i), period)),
          asMessage(figureRecordedEvent(m.code, 'jobafklaringsforloeb', m.jobafklaring(i), period)),
        ]),
      ),
    );
    const ftp = (m: typeof GREVE, i: number) => m.sygedagpenge(i) + m.jobafklaring(i);
    const national = share(ftp(FREDERIKSSUND, 12) + ftp(GREVE, 12), 60000) - share(ftp(FREDERIKSSUND, 0) + ftp(GREVE, 0), 60000);
    const meanFtp = MONTHS.slice(0, 12).reduce((sum, _, i) => sum + ftp(FREDERIKSSUND, i), 0) / 12;
    const meanGreve = MONTHS.slice(0, 12).reduce((sum, _, i) => sum + ftp(GREVE, i), 0) / 12;
    const close = (a: number | null | undefined, b: number) => a !== null && a !== undefined && Math.abs(a - b) < 1e-9;
    // The two municipalities may be consumed at different times: wait for the readings over both.
    await readings.waitFor(
      () =>
        ['250', '253'].every((code) => close(latest('share.sygedagpenge-mv.change-12m', code, '2021-01')?.benchmarks.national, national)) &&
        close(latest('share.sygedagpenge-mv.mean-12m', '250', '2020-12')?.benchmarks.national, share(meanFtp + meanGreve, 60000)) &&
        !!latest('share.sygedagpenge-mv.mean-12m', '250', '2021-01') &&
        !!latest('share.jobafklaringsforloeb.mean-12m', '253', '2021-01'),
    );

    const change = latest('share.sygedagpenge-mv.change-12m', '250', '2021-01')!;
    expect(change).toMatchObject({
      unit: 'pp',
      periodKind: 'month',
      numerator: ftp(FREDERIKSSUND, 12) - ftp(FREDERIKSSUND, 0),
      denominator: 28000,
      parts: {},
    });
    expect(change.value).toBeCloseTo(share(ftp(FREDERIKSSUND, 12), 28000) - share(ftp(FREDERIKSSUND, 0), 28000), 10);
    expect(change.benchmarks.national).toBeCloseTo(national, 10);
    const greveChange = latest('share.sygedagpenge-mv.change-12m', '253', '2021-01')!;
    expect(change.benchmarks).toMatchObject({ clusterMembers: ['253', '259'] });
    expect(change.benchmarks.cluster).toBeCloseTo(greveChange.value, 10);
    expect(change.rank).toMatchObject({ countryOf: 2, clusterOf: 2 });

    // No change before a year of history; no mean before 12 months.
    expect(readingsOf('share.sygedagpenge-mv.change-12m', '250', '2020-12')).toEqual([]);
    expect(readingsOf('share.sygedagpenge-mv.mean-12m', '250', '2020-11')).toEqual([]);
    const mean = latest('share.sygedagpenge-mv.mean-12m', '250', '2020-12')!;
    expect(mean).toMatchObject({ unit: 'percent', denominator: 28000 });
    expect(mean.numerator).toBeCloseTo(meanFtp, 10);
    expect(mean.value).toBeCloseTo(share(meanFtp, 28000), 10);
    // Σ of 12-month means ÷ Σ of mean populations: the country's share over the 12 months.
    expect(mean.benchmarks.national).toBeCloseTo(share(meanFtp + meanGreve, 60000), 10);
    // Every catalogue share the figures feed is derived: sygedagpenge alone, jobafklaringsforløb alone.
    expect(latest('share.sygedagpenge.change-12m', '250', '2021-01')?.numerator).toBe(
      FREDERIKSSUND.sygedagpenge(12) - FREDERIKSSUND.sygedagpenge(0),
    );
    expect(latest('share.jobafklaringsforloeb.mean-12m', '253', '2021-01')).toBeDefined();

    const stored = await apiClient(service.baseUrl, await world.apiKey('operator')).get(
      '/v1/indicators?municipality=250&indicator=share.sygedagpenge-mv.change-12m',
    );
    expect(stored.body).toEqual([expect.objectContaining({ period: '2021-01', numerator: change.numerator })]);
  });

  it('recomputes the change a year later and the means holding a revised old month, and the peers’ national change', async () => {
    const before = latest('share.sygedagpenge-mv.change-12m', '250', '2021-01')!;
    const meanBefore = latest('share.sygedagpenge-mv.mean-12m', '250', '2020-12')!;
    const unaffectedMean = readingsOf('share.sygedagpenge-mv.mean-12m', '250', '2021-01').length;
    const greveBefore = readingsOf('share.sygedagpenge-mv.change-12m', '253', '2021-01');
    // January 2020's sygedagpenge revised from 800 to 900 full-time persons.
    await produceRaw(TOPICS.figures, world.topicPrefix, [asMessage(figureRecordedEvent('250', 'sygedagpenge', 900, '2020-01', 800))]);
    await readings.waitFor(
      () =>
        latest('share.sygedagpenge-mv.change-12m', '250', '2021-01')!.numerator === before.numerator - 100 &&
        latest('share.sygedagpenge-mv.mean-12m', '250', '2020-12')!.numerator !== meanBefore.numerator &&
        readingsOf('share.sygedagpenge-mv.change-12m', '253', '2021-01').length > greveBefore.length,
    );
    const after = latest('share.sygedagpenge-mv.change-12m', '250', '2021-01')!;
    expect(after.previousValue).toBeCloseTo(before.value, 10);
    expect(after.value).toBeCloseTo(before.value - share(100, 28000), 10);
    expect(latest('share.sygedagpenge-mv.mean-12m', '250', '2020-12')!.numerator).toBeCloseTo(meanBefore.numerator + 100 / 12, 10);
    // Greve's own change is the same; its national benchmark (the country's change) is not.
    const greve = latest('share.sygedagpenge-mv.change-12m', '253', '2021-01')!;
    expect(greve.value).toBe(greveBefore.at(-1)!.value);
    expect(greve.benchmarks.national).toBeCloseTo(greveBefore.at(-1)!.benchmarks.national! - share(100, 60000), 10);
    // The mean of February 2020 – January 2021 does not hold January 2020: it is not republished.
    expect(readingsOf('share.sygedagpenge-mv.mean-12m', '250', '2021-01')).toHaveLength(unaffectedMean);
  });
});
