import { createEvent, EventEnvelope, SIGNATURE_HEADER, TOPICS, verifyWebhookSignature } from '@pejling/contracts';
import { apiClient, createTestWorld, produceRaw, RunningService, sleep, startService, TestSmtpServer, TestWebhookReceiver, TestWorld, waitUntil } from '@pejling/testing';
import { notificationsApp } from './notifications.app';

const SECRET = 'integration-signing-secret';
let sequence = 0;

function breach(email: string | null, webhookUrl: string | null, type: 'goal.breached' | 'goal.recovered' = 'goal.breached') {
  sequence += 1;
  const payload = {
    evaluationId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    goalId: `10000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    goalName: `Mål ${sequence}`,
    municipality: '147',
    indicatorId: 'share.sygedagpenge-mv',
    period: '2021-07',
    periodKind: 'month' as const,
    value: 1.8793,
    rule: { kind: 'threshold' as const, comparator: 'lte' as const, target: 1.8 },
    direction: 'lower_is_better' as const,
    gap: 0.0793,
    measured: 1.8793,
    required: 1.8,
    reason: 'compared',
    benchmarks: { national: null, cluster: null },
    projection: null,
    state: type === 'goal.breached' ? ('breached' as const) : ('met' as const),
    rawState: type === 'goal.breached' ? ('breached' as const) : ('met' as const),
    previousState: null,
    severity: 'major' as const,
    explanation: { da: 'Andelen var 1,9 %: 0,1 pct.-point over målet.', en: 'The share was 1.9 %: 0.1 percentage points above the target.' },
    transition: type === 'goal.breached' ? ('breach' as const) : ('recovery' as const),
    owner: { name: 'Team', email, webhookUrl },
  };
  return createEvent(type, payload, { source: 'pejling/goals', municipality: '147' });
}
const message = (event: EventEnvelope) => ({ key: event.municipality, value: JSON.stringify(event) });

describe('notifications service (real Kafka, PostgreSQL, Redis/Bull, SMTP and HTTP receiver)', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  let hookUrl: string;
  let operator: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    hookUrl = await receiver.start();
    world = await createTestWorld({
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: SECRET,
      BULL_PREFIX: `test-${Date.now()}`,
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '50',
    });
    service = await startService(notificationsApp, world.env);
    operator = apiClient(service.baseUrl, await world.apiKey('operator'));
  });

  afterAll(async () => {
    await service?.close();
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  });

  it('refuses to start without a webhook signing secret, naming the variable', async () => {
    const { WEBHOOK_SIGNING_SECRET: _omitted, ...env } = world.env;
    await expect(startService(notificationsApp, env)).rejects.toThrow(/Invalid configuration for pejling-notifications:\n {2}WEBHOOK_SIGNING_SECRET: .*\(not set\)/);
  });

  it('emails and signs a webhook for a breach, exactly once even if the event is delivered twice', async () => {
    const event = breach('owner@frederiksberg.example', `${hookUrl}/ok`);
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [message(event), message(event)]);
    await waitUntil(() => smtp.messages.length >= 1 && receiver.requests.length >= 1, 20_000, 'email and webhook');
    await sleep(1000);
    expect(smtp.messages).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
    expect(smtp.messages[0].subject).toBe('Mål brudt: Mål 1 (Frederiksberg, 2021-07)');
    expect(smtp.messages[0].html).toContain('0,1 pct.-point over målet');
    const webhook = receiver.requests[0];
    expect(webhook.headers['pejling-event']).toBe('goal.breached');
    expect(verifyWebhookSignature(SECRET, webhook.rawBody, webhook.headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000)).ok).toBe(true);
    expect(JSON.parse(webhook.rawBody)).toMatchObject({ type: 'goal.breached', eventId: event.id, id: webhook.headers['pejling-delivery-id'] });
  });

  it('retries a failing webhook with backoff and records every attempt', async () => {
    let calls = 0;
    receiver.status = (request) => (request.path === '/flaky' && ++calls <= 2 ? 503 : 204);
    const event = breach(null, `${hookUrl}/flaky`);
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [message(event)]);
    await waitUntil(async () => (await operator.get(`/v1/deliveries?goalId=${event.payload.goalId}`)).body[0]?.status === 'delivered', 20_000, 'delivered after retries');
    const [delivery] = (await operator.get(`/v1/deliveries?goalId=${event.payload.goalId}`)).body;
    expect(delivery).toMatchObject({ channel: 'webhook', attempts: 3, status: 'delivered' });
    expect(delivery.attemptLog.map((attempt: { outcome: string; detail: string }) => [attempt.outcome, attempt.detail])).toEqual([
      ['failure', 'webhook answered HTTP 503'],
      ['failure', 'webhook answered HTTP 503'],
      ['success', 'HTTP 204'],
    ]);
  });

  it('marks a delivery failed after the last attempt', async () => {
    receiver.status = (request) => (request.path === '/down' ? 500 : 204);
    const event = breach(null, `${hookUrl}/down`);
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [message(event)]);
    await waitUntil(async () => (await operator.get(`/v1/deliveries?status=failed`)).body.length === 1, 20_000, 'failed delivery');
    const [failed] = (await operator.get('/v1/deliveries?status=failed')).body;
    expect(failed).toMatchObject({ goalId: event.payload.goalId, attempts: 3, lastError: 'webhook answered HTTP 500' });
    expect((await operator.get('/v1/deliveries?status=nonsense')).status).toBe(400);
  });

  it('re-queues a retrying delivery whose Bull job was lost with Redis', async () => {
    const event = breach(null, `${hookUrl}/lost`);
    const alertId = '20000000-0000-4000-8000-000000000001';
    const deliveryId = '30000000-0000-4000-8000-000000000001';
    await service.dataSource.query(
      `INSERT INTO alerts (id, event_id, event_type, goal_id, municipality, transition, payload) VALUES ($1, $2, $3, $4, '147', 'breach', $5)`,
      [alertId, event.id, event.type, event.payload.goalId, event.payload],
    );
    await service.dataSource.query(
      `INSERT INTO deliveries (id, alert_id, channel, target, status, attempts, created_at) VALUES ($1, $2, 'webhook', $3, 'retrying', 1, now() - interval '1 minute')`,
      [deliveryId, alertId, `${hookUrl}/lost`],
    );
    const { PendingSweeper } = await import('./delivery/pending-sweeper');
    expect(await service.nest.get(PendingSweeper).sweep()).toBe(1);
    await waitUntil(() => receiver.requests.some((request) => request.path === '/lost'), 20_000, 'the lost delivery');
    const [delivery] = (await operator.get(`/v1/deliveries?goalId=${event.payload.goalId}`)).body;
    expect(delivery).toMatchObject({ id: deliveryId, status: 'delivered', attempts: 1 });
  });

  it('requires a key to read deliveries', async () => {
    expect((await apiClient(service.baseUrl).get('/v1/deliveries')).status).toBe(401);
  });

  it('reports database, broker and Redis health', async () => {
    const health = await apiClient(service.baseUrl).get('/health');
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' }, redis: { status: 'up' } } });
  });
});
