import { SIGNATURE_HEADER, TOPICS, verifyWebhookSignature } from '@pejling/contracts';
import {
  apiClient,
  createTestWorld,
  goalTransitionEvent,
  IDLE,
  produceGoalEvents,
  RunningService,
  startService,
  TestSmtpServer,
  TestWebhookReceiver,
  TestWorld,
  TopicProbe,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';
import { notificationsApp } from './notifications.app';

const SECRET = 'integration-signing-secret';
const email = (target: string) => ({ type: 'email' as const, target });

/** The delivery core: channels, exactly-once, retries and dead letters, the delivery log. */
describe('notifications: delivery (real Kafka, PostgreSQL, Redis/Bull, SMTP and HTTP receiver)', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  let hookUrl: string;
  let operator: ReturnType<typeof apiClient>;
  let notificationsTopic: TopicProbe;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    hookUrl = await receiver.start();
    world = await createTestWorld({
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: SECRET,
      ACK_LINK_SECRET: 'integration-ack-link-secret',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '50',
      ALERT_GROUP_WINDOW_MS: '300',
    });
    notificationsTopic = await TopicProbe.start(TOPICS.notifications, world.topicPrefix);
    service = await startService(notificationsApp, world.env);
    operator = apiClient(service.baseUrl, await world.apiKey('operator'));
  });

  afterAll(async () => {
    await notificationsTopic?.stop();
    await service?.close();
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  });

  it('refuses to start without a webhook signing secret, naming the variable', async () => {
    const { WEBHOOK_SIGNING_SECRET: _omitted, ...env } = world.env;
    await expect(startService(notificationsApp, env)).rejects.toThrow(
      /Invalid configuration for pejling-notifications:\n {2}WEBHOOK_SIGNING_SECRET: .*\(not set\)/,
    );
  });

  it('emails a breach with the goal as printed, the explanation, the figures and a trend chart, and signs a webhook, once even if the event comes twice', async () => {
    const event = goalTransitionEvent({
      owners: [{ name: 'Team', channels: [email('owner@frederiksberg.example'), { type: 'webhook', target: `${hookUrl}/ok` }] }],
    });
    await produceGoalEvents(world.topicPrefix, [event, event]);
    await waitUntil(() => smtp.messages.length >= 1 && receiver.requests.length >= 1, 20_000, 'email and webhook');
    await waitUntilIdle(world, IDLE.notifications); // both copies of the event handled, every delivery finished
    expect(smtp.messages).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.subject).toBe(`Mål brudt: ${(event.payload as { goalName: string }).goalName} (Frederiksberg, 2021-07)`);
    expect(mail.text).toContain('Mål E: Sygedagpengeområdet – andelen på sygedagpenge eller jobafklaringsforløb skal være under 1,8 %');
    expect(mail.text).toContain('0,1 pct.-point over målet');
    expect(mail.text).toContain('Værdi: 1,88 %');
    expect(mail.text).toContain('▁▃█  1,69 % → 1,88 %');
    expect(mail.text).toMatch(/Kvittér og skriv, hvad der gøres: http:\/\/127\.0\.0\.1:3004\/v1\/ack\/[\w-]+\.[\w-]+/);
    // mailparser resolves the HTML's cid: reference to the attached PNG and inlines it as a data URI.
    expect(mail.html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" width="240" height="60" alt="▁▃█ {2}1,69 % → 1,88 %">/);
    const [chart] = mail.attachments;
    expect(chart).toMatchObject({ contentType: 'image/png', cid: 'trend-0@pejling' });
    expect(chart.content.subarray(1, 4).toString()).toBe('PNG');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@pejling>$/);
    const webhook = receiver.requests[0];
    expect(webhook.headers['pejling-event']).toBe('goal.breached');
    expect(
      verifyWebhookSignature(SECRET, webhook.rawBody, webhook.headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000)).ok,
    ).toBe(true);
    expect(JSON.parse(webhook.rawBody)).toMatchObject({
      type: 'goal.breached',
      eventId: event.id,
      step: 'opened',
      id: webhook.headers['pejling-delivery-id'],
      data: { goalId: (event.payload as { goalId: string }).goalId },
    });
  });

  it('retries a failing webhook with backoff and records every attempt', async () => {
    let calls = 0;
    receiver.status = (request) => (request.path === '/flaky' && ++calls <= 2 ? 503 : 204);
    const event = goalTransitionEvent({ owners: [{ name: 'Flaky', channels: [{ type: 'webhook', target: `${hookUrl}/flaky` }] }] });
    const goalId = (event.payload as { goalId: string }).goalId;
    await produceGoalEvents(world.topicPrefix, [event]);
    await waitUntil(
      async () => (await operator.get(`/v1/deliveries?goalId=${goalId}`)).body[0]?.status === 'delivered',
      20_000,
      'delivered after retries',
    );
    const [delivery] = (await operator.get(`/v1/deliveries?goalId=${goalId}`)).body;
    expect(delivery).toMatchObject({ channel: 'webhook', attempts: 3, status: 'delivered', recipientName: 'Flaky' });
    expect(delivery.attemptLog.map((attempt: { outcome: string; detail: string }) => [attempt.outcome, attempt.detail])).toEqual([
      ['failure', 'webhook answered HTTP 503'],
      ['failure', 'webhook answered HTTP 503'],
      ['success', 'HTTP 204'],
    ]);
  });

  it('dead-letters a delivery after the last attempt: visible with counts and published as notification.delivery-failed', async () => {
    receiver.status = (request) => (request.path === '/down' ? 500 : 204);
    const event = goalTransitionEvent({
      owners: [{ id: '40000000-0000-4000-8000-000000000001', name: 'Down', channels: [{ type: 'webhook', target: `${hookUrl}/down` }] }],
    });
    const goalId = (event.payload as { goalId: string }).goalId;
    await produceGoalEvents(world.topicPrefix, [event]);
    await waitUntil(async () => (await operator.get(`/v1/deliveries?status=dead`)).body.length === 1, 20_000, 'dead delivery');
    const [dead] = (await operator.get('/v1/deliveries?status=dead')).body;
    expect(dead).toMatchObject({
      goalId,
      attempts: 3,
      lastError: 'webhook answered HTTP 500',
      recipientKey: 'owner:40000000-0000-4000-8000-000000000001',
    });
    const counts = (await operator.get(`/v1/deliveries/counts?goalId=${goalId}`)).body;
    expect(counts).toMatchObject({ total: 1, byStatus: { dead: 1, delivered: 0 }, byChannel: { webhook: 1 } });
    const [failed] = await notificationsTopic.waitFor((messages) => messages.some((m) => m.event?.type === 'notification.delivery-failed'));
    expect(failed.event).toMatchObject({
      type: 'notification.delivery-failed',
      payload: { deliveryId: dead.id, attempts: 3, goalIds: [goalId], reason: 'webhook answered HTTP 500' },
    });
    expect((await operator.get('/v1/deliveries?status=nonsense')).status).toBe(400);
    expect((await operator.get('/v1/deliveries?since=yesterday')).status).toBe(400);
  });

  it('filters the delivery log by recipient, channel and time', async () => {
    const all = (await operator.get('/v1/deliveries?limit=1000')).body;
    const byRecipient = (await operator.get('/v1/deliveries?recipient=owner@frederiksberg.example')).body;
    expect(byRecipient.map((d: { channel: string }) => d.channel)).toEqual(['email']);
    expect((await operator.get('/v1/deliveries?channel=webhook')).body.length).toBe(
      all.filter((d: { channel: string }) => d.channel === 'webhook').length,
    );
    expect((await operator.get(`/v1/deliveries?since=${new Date(Date.now() + 60_000).toISOString()}`)).body).toEqual([]);
    const counts = (await operator.get('/v1/deliveries/counts')).body;
    expect(counts.total).toBe(all.length);
  });

  it('re-queues a delivery whose Bull job was lost with Redis', async () => {
    const event = goalTransitionEvent({ owners: [{ name: 'Lost', channels: [{ type: 'webhook', target: `${hookUrl}/lost` }] }] });
    const alertId = '20000000-0000-4000-8000-000000000001';
    const deliveryId = '30000000-0000-4000-8000-000000000001';
    await service.dataSource.query(
      `INSERT INTO alerts (id, event_id, event_type, goal_id, municipality, transition, payload, kind) VALUES ($1, $2, $3, $4, '147', 'breach', $5, 'breach')`,
      [alertId, event.id, event.type, (event.payload as { goalId: string }).goalId, event.payload],
    );
    await service.dataSource.query(
      `INSERT INTO deliveries (id, alert_id, channel, target, status, attempts, created_at, endpoint_key, recipient) VALUES ($1, $2, 'webhook', $3, 'retrying', 1, now() - interval '1 minute', 'lost', '{"key":"owner-name:Lost","name":"Lost","channels":[],"language":"da","timeZone":"Europe/Copenhagen"}')`,
      [deliveryId, alertId, `${hookUrl}/lost`],
    );
    await service.dataSource.query(
      `INSERT INTO notification_items (id, idempotency_key, delivery_id, alert_id, step) VALUES (gen_random_uuid(), 'lost-item', $1, $2, 'opened')`,
      [deliveryId, alertId],
    );
    const { DeliverySweeper } = await import('./delivery/delivery-sweeper');
    expect(await service.nest.get(DeliverySweeper).sweep()).toBe(1);
    await waitUntil(() => receiver.requests.some((request) => request.path === '/lost'), 20_000, 'the lost delivery');
    await waitUntil(
      async () => (await operator.get(`/v1/deliveries?status=delivered&recipient=owner-name:Lost`)).body.length === 1,
      10_000,
      'recorded',
    );
    const [delivery] = (await operator.get(`/v1/deliveries?recipient=owner-name:Lost`)).body;
    expect(delivery).toMatchObject({ id: deliveryId, status: 'delivered', attempts: 2 });
  });

  it('requires a key to read deliveries, and reports database, broker and Redis health', async () => {
    expect((await apiClient(service.baseUrl).get('/v1/deliveries')).status).toBe(401);
    const health = await apiClient(service.baseUrl).get('/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, kafka: { status: 'up' }, redis: { status: 'up' } },
    });
  });
});
