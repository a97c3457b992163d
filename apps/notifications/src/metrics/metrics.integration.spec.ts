import { TOPICS } from '@pejling/contracts';
import { createTestWorld, produceRaw, RunningService, startService, TestSmtpServer, TestWorld, waitUntil } from '@pejling/testing';
import { notificationsApp } from '../notifications.app';

describe('notifications: liveness, readiness with the consumer, and Prometheus metrics (real Kafka, PostgreSQL, Redis)', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      WEBHOOK_SIGNING_SECRET: 'metrics-signing-secret-0123456789',
      ACK_LINK_SECRET: 'metrics-ack-link-secret',
    });
    service = await startService(notificationsApp, world.env);
  });

  afterAll(async () => {
    await service?.close();
    await smtp.stop();
    await world?.cleanup();
  });

  const metrics = async () => (await fetch(`${service.baseUrl}/metrics`)).text();

  it('answers liveness without checking dependencies, and readiness with the consumer state and lag per partition', async () => {
    expect(await (await fetch(`${service.baseUrl}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${service.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { details: Record<string, { status: string; state?: string; partitions?: unknown[] }> };
    expect(body.details.consumer).toMatchObject({ status: 'up', state: 'consuming', lag: expect.any(Number) });
    expect(body.details.consumer.partitions).toEqual(
      expect.arrayContaining([{ topic: TOPICS.goalTransitions, partition: 0, lag: expect.any(Number) }]),
    );
    expect(Object.keys(body.details).sort()).toEqual(['consumer', 'database', 'kafka', 'redis']);
  });

  it('counts a dead-lettered message and shows the consumer, queue, delivery and outbox gauges', async () => {
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [{ key: '147', value: 'not an event' }]);
    let text = '';
    await waitUntil(
      async () => /pejling_messages_total\{[^}]*outcome="dead_lettered"[^}]*\} 1/.test((text = await metrics())),
      20_000,
      () =>
        `the dead-lettered message in /metrics:\n${text
          .split('\n')
          .filter((line) => line.includes('messages_total'))
          .join('\n')}`,
    );
    expect(text).toMatch(/pejling_messages_total\{[^}]*topic="pejling\.goal-transitions\.v1"[^}]*outcome="processed"[^}]*\} 1/);
    expect(text).toMatch(/pejling_consumer_lag\{[^}]*topic="pejling\.goal-transitions\.v1"[^}]*partition="\d"[^}]*\} 0/);
    expect(text).toMatch(/pejling_consumer_up\{service="notifications"\} 1/);
    expect(text).toMatch(/pejling_queue_jobs\{[^}]*queue="deliveries"[^}]*state="waiting"[^}]*\} 0/);
    expect(text).toContain('# TYPE pejling_deliveries gauge');
    expect(text).toMatch(/pejling_outbox_depth\{service="notifications"\} \d+/);
  });
});
