import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  figureRecordedEvent,
  produceRaw,
  RunningService,
  signUserToken,
  startService,
  TEST_CONSOLE_TOKEN_SECRET,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { indicatorsApp } from './indicators.app';

/** Indicators are published statistics: every console user reads every municipality's; cluster writes stay scoped. */
describe('indicators for console users (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let service: RunningService;
  let frb: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    world = await createTestWorld({ CONSOLE_TOKEN_SECRET: TEST_CONSOLE_TOKEN_SECRET });
    service = await startService(indicatorsApp, world.env);
    frb = apiClient(service.baseUrl, await signUserToken({ role: 'operator', municipalities: ['147'] }));
    await produceRaw(
      TOPICS.figures,
      world.topicPrefix,
      ['147', '101'].flatMap((municipality) => [
        asMessage(figureRecordedEvent(municipality, 'sygedagpenge', 1217, '2021-07')),
        asMessage(figureRecordedEvent(municipality, 'jobafklaringsforloeb', 106, '2021-07')),
        asMessage(figureRecordedEvent(municipality, 'befolkning-16-66', 70400, '2021-07')),
      ]),
    );
    const admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    await waitUntil(
      async () => (await admin.get('/v1/indicators?municipality=101&indicator=share.sygedagpenge-mv')).body.length === 1,
      20_000,
      "København's indicator",
    );
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  it('lets a Frederiksberg operator read København indicators, series and clusters', async () => {
    const values = (await frb.get('/v1/indicators?municipality=101&indicator=share.sygedagpenge-mv')).body;
    expect(values).toEqual([
      expect.objectContaining({
        indicatorId: 'share.sygedagpenge-mv',
        municipality: '101',
        period: '2021-07',
        numerator: 1323,
        denominator: 70400,
      }),
    ]);
    const series = (await frb.get('/v1/indicators/series?municipality=101&indicator=share.sygedagpenge-mv')).body;
    expect(series).toEqual([expect.objectContaining({ period: '2021-07', count: expect.objectContaining({ value: 1323 }) })]);
    expect((await frb.get('/v1/clusters')).status).toBe(200);
    expect((await frb.get('/v1/indicators/definitions')).status).toBe(200);
  });

  it('refuses cluster changes out of scope (403 naming the municipality) and to non-admins', async () => {
    const frbAdmin = apiClient(service.baseUrl, await signUserToken({ role: 'admin', municipalities: ['147'] }));
    const refused = await frbAdmin.put('/v1/clusters/101/share.sygedagpenge-mv', { members: ['147', '151', '153'] });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('municipality 101');
    expect((await frb.put('/v1/clusters/147/share.sygedagpenge-mv', { members: ['101', '151', '153'] })).status).toBe(403);
    expect((await frbAdmin.put('/v1/clusters/147/share.sygedagpenge-mv', { members: ['101', '151', '153'] })).status).toBe(200);
  });

  it('refuses an expired user token with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signUserToken({ role: 'viewer', municipalities: ['*'], iat: now - 400, exp: now - 100 });
    expect((await apiClient(service.baseUrl, expired).get('/v1/indicators/definitions')).status).toBe(401);
  });
});
