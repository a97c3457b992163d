import { createTestWorld, RunningService, startService, TestWorld } from '@pejling/testing';
import { goalsApp } from './goals.app';

const LIMIT = 5;

/** The public transparency routes are limited per client address; the rest of the API is not (real service). */
describe('goals: rate limit of the public routes', () => {
  let world: TestWorld;
  let direct: RunningService;
  let behindProxy: RunningService;
  let adminKey: string;

  const get = (service: RunningService, path: string, headers: Record<string, string> = {}) =>
    fetch(`${service.baseUrl}${path}`, { headers: { accept: 'application/json', ...headers } });

  beforeAll(async () => {
    world = await createTestWorld({ PUBLIC_API_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    direct = await startService(goalsApp, world.env);
    // A second instance told that a proxy on loopback stands in front of it (TRUST_PROXY).
    behindProxy = await startService(goalsApp, { ...world.env, TRUST_PROXY: 'loopback' });
    adminKey = await world.apiKey('admin');
  });

  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
    await world?.cleanup();
  });

  it('answers 429 with Retry-After and a message after the limit, on every public route, and nothing else is limited', async () => {
    const paths = ['/v1/public/municipalities', '/v1/public/municipalities/147', '/v1/public/municipalities/147/changes'];
    for (let i = 0; i < LIMIT; i += 1) expect((await get(direct, paths[i % paths.length])).status).not.toBe(429);
    for (const path of paths) {
      const limited = await get(direct, path);
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await limited.json()).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(
          new RegExp(`^Too many requests from your address: at most ${LIMIT} a minute .* Try again in \\d+ seconds\\.$`),
        ),
      });
    }
    // A forged X-Forwarded-For does not buy a new count: no proxy is trusted unless TRUST_PROXY says so.
    expect((await get(direct, paths[0], { 'x-forwarded-for': '203.0.113.77' })).status).toBe(429);
    // Keyed routes, health and metrics are not limited.
    expect((await get(direct, '/v1/goals', { authorization: `Bearer ${adminKey}` })).status).toBe(200);
    expect((await get(direct, '/health/live')).status).toBe(200);
  });

  it('counts the client behind a trusted proxy by its forwarded address, one count each', async () => {
    const from = (address: string) => get(behindProxy, '/v1/public/municipalities', { 'x-forwarded-for': address });
    for (let i = 0; i < LIMIT; i += 1) expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
    // One IPv6 subscriber's /64 is one client.
    for (let i = 0; i < LIMIT; i += 1) expect((await from(`2001:db8:5:6::${i + 1}`)).status).toBe(200);
    expect((await from('2001:db8:5:6::ffff')).status).toBe(429);
  });
});
