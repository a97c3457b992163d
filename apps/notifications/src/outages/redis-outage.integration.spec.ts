import { randomUUID } from 'node:crypto';
import {
  apiClient,
  createTestWorld,
  PrivateRedis,
  RunningService,
  startService,
  TestSmtpServer,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { notificationsApp } from '../notifications.app';

describe('notifications with Redis down (a private Redis server, real Kafka and PostgreSQL)', () => {
  let redis: PrivateRedis;
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  let operator: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '1000',
      WEBHOOK_SIGNING_SECRET: 'redis-outage-signing-secret-0123456789',
      ACK_LINK_SECRET: 'redis-outage-ack-link-secret',
    });
    service = await startService(notificationsApp, world.env);
    operator = apiClient(service.baseUrl, await world.apiKey('operator'));
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await smtp.stop();
    await world?.cleanup();
    await redis?.remove();
  });

  it('answers 503 with Retry-After naming Redis while it is down, within the command timeout, and resumes by itself', async () => {
    // Reachable: an unknown delivery is a 404.
    expect((await operator.post(`/v1/deliveries/${randomUUID()}/retry`, {})).status).toBe(404);
    await redis.stop();
    try {
      const started = Date.now();
      const response = await operator.post(`/v1/deliveries/${randomUUID()}/retry`, {});
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.body).toMatchObject({ statusCode: 503, dependency: 'redis' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await fetch(`${service.baseUrl}/health`)).status).toBe(503);
      // What needs only PostgreSQL still answers.
      expect((await operator.get('/v1/deliveries')).status).toBe(200);
    } finally {
      await redis.resume();
    }
    let last = 0;
    await waitUntil(
      async () => (last = (await operator.post(`/v1/deliveries/${randomUUID()}/retry`, {})).status) === 404,
      30_000,
      () => `Redis to be used again (last status ${last})`,
    );
    expect((await fetch(`${service.baseUrl}/health`)).status).toBe(200);
  }, 60_000);
});
