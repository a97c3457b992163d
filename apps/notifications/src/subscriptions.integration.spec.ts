import { Webhook } from 'standardwebhooks';
import { createEvent, NATIONAL_KEY, SIGNATURE_HEADER, TOPICS, verifyWebhookSignature } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  goalTransitionEvent,
  produceGoalEvents,
  produceRaw,
  ReceivedWebhook,
  RunningService,
  signUserToken,
  startService,
  TEST_CONSOLE_TOKEN_SECRET,
  TestSmtpServer,
  TestWebhookReceiver,
  TestWorld,
  TopicProbe,
  waitUntil,
} from '@pejling/testing';
import { notificationsApp } from './notifications.app';

const LEGACY_SECRET = 'subscriptions-legacy-signing-secret';

/** Verifies as an integrator would, with the standardwebhooks library; returns the parsed body or throws. */
function verify(secret: string, request: ReceivedWebhook): unknown {
  return new Webhook(secret).verify(request.rawBody, request.headers as Record<string, string>);
}
const verifies = (secret: string, request: ReceivedWebhook) => {
  try {
    verify(secret, request);
    return true;
  } catch {
    return false;
  }
};

describe('notifications: webhook subscriptions and endpoint secrets (real Kafka, PostgreSQL, Redis/Bull, SMTP and HTTP receiver)', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  let hookUrl: string;
  let integrator: ReturnType<typeof apiClient>;
  let admin: ReturnType<typeof apiClient>;
  let frbAdmin: ReturnType<typeof apiClient>;
  let notificationsTopic: TopicProbe;
  const at = (path: string) => receiver.requests.filter((request) => request.path === path);

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    hookUrl = await receiver.start();
    world = await createTestWorld({
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: LEGACY_SECRET,
      ACK_LINK_SECRET: 'subscriptions-ack-link-secret',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_BACKOFF_MS: '50',
      ALERT_GROUP_WINDOW_MS: '0',
      SUBSCRIPTION_MAX_FAILURES: '3',
      // The sweep test calls the sweeper itself; the schedule must not get there first.
      DELIVERY_SWEEP_EVERY_MS: '3600000',
      CONSOLE_TOKEN_SECRET: TEST_CONSOLE_TOKEN_SECRET,
    });
    notificationsTopic = await TopicProbe.start(TOPICS.notifications, world.topicPrefix);
    service = await startService(notificationsApp, world.env);
    integrator = apiClient(service.baseUrl, await world.apiKey('integrator'));
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    frbAdmin = apiClient(service.baseUrl, await signUserToken({ role: 'admin', municipalities: ['147'] }));
  });

  afterAll(async () => {
    await notificationsTopic?.stop();
    await service?.close();
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  });

  it('refuses to start with a bad SECRETS_KEY, naming the variable', async () => {
    await expect(startService(notificationsApp, { ...world.env, SECRETS_KEY: 'k1:c2hvcnQ=' })).rejects.toThrow(
      /SECRETS_KEY: the key must be 32 bytes/,
    );
  });

  let subscription: { id: string };
  let secret: string;

  it('creates a subscription with a whsec_ secret shown once and stored sealed; names bad fields', async () => {
    const created = await integrator.post('/v1/subscriptions', {
      url: `${hookUrl}/sub`,
      eventTypes: ['goal.*', 'notification.subscription-disabled'],
      municipalities: ['147'],
      description: 'BI feed',
      contactEmail: 'bi@integrator.example',
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body.subscription).toMatchObject({
      url: `${hookUrl}/sub`,
      eventTypes: ['goal.*', 'notification.subscription-disabled'],
      municipalities: ['147'],
      status: 'active',
      consecutiveFailures: 0,
    });
    subscription = created.body.subscription;
    secret = created.body.secret;
    expect((await integrator.get(`/v1/subscriptions/${subscription.id}`)).body).not.toHaveProperty('secret');
    const [stored] = await service.dataSource.query(`SELECT key_id, sealed FROM signing_secrets WHERE subscription_id = $1`, [
      subscription.id,
    ]);
    expect(stored.key_id).toBe('t1');
    expect(stored.sealed).toMatch(/^v1\.t1\./);
    expect(stored.sealed).not.toContain(secret.slice(6, 20));
    const bad = await integrator.post('/v1/subscriptions', { url: 'ftp://x', eventTypes: ['figure.recorded'], description: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['description', 'eventTypes.0', 'url']);
    expect((await apiClient(service.baseUrl, await world.apiKey('viewer')).get('/v1/subscriptions')).status).toBe(403);
  });

  it('delivers matching events signed by Standard Webhooks with CloudEvents headers; the body is the payload', async () => {
    const event = goalTransitionEvent({ municipality: '147' });
    const elsewhere = goalTransitionEvent({ municipality: '101' });
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [asMessage(elsewhere), asMessage(event), asMessage(event)]);
    await waitUntil(() => at('/sub').length >= 1, 20_000, 'the subscription delivery');
    const [request] = at('/sub');
    expect(verify(secret, request)).toMatchObject({ goalId: (event.payload as { goalId: string }).goalId, municipality: '147' });
    expect(verifies(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, request)).toBe(false);
    expect(request.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-id': event.id,
      'ce-type': 'goal.breached',
      'ce-source': event.source,
      'ce-time': event.time,
      'ce-subject': (event.payload as { goalId: string }).goalId,
      'ce-dataschema': `http://127.0.0.1:3001/schemas/goal.breached/v${event.version}.json`,
      'ce-municipality': '147',
      'ce-dataversion': String(event.version),
      'content-type': 'application/json',
    });
    expect(JSON.parse(request.rawBody)).toEqual(event.payload);
    await waitUntil(
      async () => (await integrator.get(`/v1/subscriptions/${subscription.id}/deliveries`)).body[0]?.status === 'delivered',
      10_000,
      'logged',
    );
    const log = (await integrator.get(`/v1/subscriptions/${subscription.id}/deliveries`)).body;
    expect(log).toHaveLength(1); // the duplicate and the other municipality's event are not delivered
    expect(log[0]).toMatchObject({
      id: request.headers['webhook-id'],
      eventId: event.id,
      eventType: 'goal.breached',
      replay: false,
      attempts: 1,
      attemptLog: [{ outcome: 'success', statusCode: 204 }],
    });
  });

  it('rotates the secret: both sign during the overlap; after an overlap of 0 only the new one does', async () => {
    const rotated = await integrator.post(`/v1/subscriptions/${subscription.id}/rotate-secret`, { overlapMinutes: 10 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [asMessage(goalTransitionEvent({ municipality: '147' }))]);
    await waitUntil(() => at('/sub').length >= 2, 20_000, 'a delivery during the overlap');
    const during = at('/sub')[1];
    expect((during.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(verifies(rotated.body.secret, during)).toBe(true);
    expect(verifies(secret, during)).toBe(true);

    const again = await integrator.post(`/v1/subscriptions/${subscription.id}/rotate-secret`, { overlapMinutes: 0 });
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [asMessage(goalTransitionEvent({ municipality: '147' }))]);
    await waitUntil(() => at('/sub').length >= 3, 20_000, 'a delivery after the overlap');
    const after = at('/sub')[2];
    expect(verifies(again.body.secret, after)).toBe(true);
    expect(verifies(rotated.body.secret, after)).toBe(false);
    expect(verifies(secret, after)).toBe(false);
    secret = again.body.secret;
  });

  it('replays stored events since a time, each as a new delivery (new webhook-id, same ce-id)', async () => {
    const before = at('/sub').slice(0, 3);
    const since = before[1].headers['ce-time'] as string;
    const replay = await integrator.post(`/v1/subscriptions/${subscription.id}/replay`, { since });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ replayed: 2, truncated: false });
    await waitUntil(() => at('/sub').length >= 5, 20_000, 'the replayed deliveries');
    const replayed = at('/sub').slice(3);
    expect(replayed.map((request) => request.headers['ce-id']).sort()).toEqual(
      before
        .slice(1)
        .map((request) => request.headers['ce-id'])
        .sort(),
    );
    for (const request of replayed) {
      expect(verifies(secret, request)).toBe(true);
      expect(before.map((old) => old.headers['webhook-id'])).not.toContain(request.headers['webhook-id']);
    }
    expect((await integrator.post(`/v1/subscriptions/${subscription.id}/replay`, { since: 'yesterday' })).status).toBe(422);
    expect(
      (await integrator.post(`/v1/subscriptions/${subscription.id}/replay`, { since: new Date(Date.now() + 3_600_000).toISOString() }))
        .status,
    ).toBe(422);
  });

  it('disables a subscription after a run of failed attempts, emails its contact and publishes notification.subscription-disabled; PATCH enables it again', async () => {
    receiver.status = (request) => (request.path === '/down' ? 500 : 204);
    const created = await integrator.post('/v1/subscriptions', {
      url: `${hookUrl}/down`,
      eventTypes: ['goal.breached'],
      description: 'Broken receiver',
      contactEmail: 'ops@integrator.example',
    });
    const down = created.body.subscription;
    await integrator.post('/v1/subscriptions', {
      url: `${hookUrl}/watch`,
      eventTypes: ['notification.*'],
      description: 'Operations watch',
    });
    // One event fails both its attempts (dead); the next one's first failed attempt is the third in a row and disables it.
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [asMessage(goalTransitionEvent({ municipality: '101' }))]);
    await waitUntil(
      async () => (await integrator.get(`/v1/subscriptions/${down.id}/deliveries?status=dead`)).body.length === 1,
      20_000,
      'the first delivery dead',
    );
    expect((await integrator.get(`/v1/subscriptions/${down.id}`)).body).toMatchObject({ status: 'active', consecutiveFailures: 2 });
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [asMessage(goalTransitionEvent({ municipality: '101' }))]);
    await waitUntil(async () => (await integrator.get(`/v1/subscriptions/${down.id}`)).body.status === 'disabled', 30_000, 'disabled');
    const disabled = (await integrator.get(`/v1/subscriptions/${down.id}`)).body;
    expect(disabled).toMatchObject({
      status: 'disabled',
      consecutiveFailures: 3,
      disabledReason: '3 failed attempts in a row; last: webhook answered HTTP 500',
    });
    await waitUntil(() => smtp.messages.some((mail) => mail.subject?.includes('Broken receiver')), 20_000, 'the notice');
    const notice = smtp.messages.find((mail) => mail.subject?.includes('Broken receiver'));
    expect(notice?.to).toMatchObject({ text: 'ops@integrator.example' });
    expect(notice?.text).toContain(`PATCH /v1/subscriptions/${down.id} {"enabled": true}`);
    const [published] = (
      await notificationsTopic.waitFor((messages) => messages.some((m) => m.event?.type === 'notification.subscription-disabled'))
    ).filter((m) => m.event?.type === 'notification.subscription-disabled');
    expect(published.event).toMatchObject({
      municipality: NATIONAL_KEY,
      payload: { subscriptionId: down.id, endpoint: hookUrl, consecutiveFailures: 3, description: 'Broken receiver' },
    });
    // A subscription to notification.* is told too (the event is national, so a subscription scoped to 147 is not).
    await waitUntil(
      () => at('/watch').some((request) => request.headers['ce-type'] === 'notification.subscription-disabled'),
      20_000,
      'the event delivered to a subscriber',
    );
    expect(at('/sub').some((request) => request.headers['ce-type'] === 'notification.subscription-disabled')).toBe(false);
    const sent = at('/down').length;
    expect(sent).toBe(3);
    const log = (await integrator.get(`/v1/subscriptions/${down.id}/deliveries`)).body;
    expect(log.flatMap((delivery: { attemptLog: { outcome: string }[] }) => delivery.attemptLog.map((attempt) => attempt.outcome))).toEqual(
      expect.arrayContaining(['failure', 'failure', 'failure']),
    );

    receiver.status = () => 204;
    const enabled = await integrator.patch(`/v1/subscriptions/${down.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ status: 'active', consecutiveFailures: 0, disabledAt: null });
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [asMessage(goalTransitionEvent({ municipality: '101' }))]);
    await waitUntil(() => at('/down').length > sent, 20_000, 'a delivery after re-enabling');
    expect((await integrator.patch(`/v1/subscriptions/${down.id}`, { colour: 'red' })).status).toBe(422);
  });

  it('keeps a scoped principal to its municipalities', async () => {
    expect(
      (await frbAdmin.post('/v1/subscriptions', { url: `${hookUrl}/frb`, eventTypes: ['goal.*'], description: 'all of them' })).status,
    ).toBe(403);
    const other = await frbAdmin.post('/v1/subscriptions', {
      url: `${hookUrl}/frb`,
      eventTypes: ['goal.*'],
      municipalities: ['101'],
      description: 'Copenhagen',
    });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('municipality 101');
    const own = await frbAdmin.post('/v1/subscriptions', {
      url: `${hookUrl}/frb`,
      eventTypes: ['goal.*'],
      municipalities: ['147'],
      description: 'Frederiksberg',
    });
    expect(own.status).toBe(201);
    expect((await frbAdmin.get('/v1/subscriptions')).body.map((s: { id: string }) => s.id).sort()).toEqual(
      [own.body.subscription.id, subscription.id].sort(),
    );
    expect((await frbAdmin.get('/v1/subscriptions')).body.map((s: { municipalities: string[] }) => s.municipalities)).toEqual([
      ['147'],
      ['147'],
    ]);
    const unscoped = (await integrator.get('/v1/subscriptions')).body.find(
      (s: { municipalities: string[] | null }) => s.municipalities === null,
    );
    expect((await frbAdmin.get(`/v1/subscriptions/${unscoped.id}`)).status).toBe(404);
    expect((await frbAdmin.post(`/v1/subscriptions/${unscoped.id}/rotate-secret`, {})).status).toBe(404);
    expect((await frbAdmin.patch(`/v1/subscriptions/${own.body.subscription.id}`, { municipalities: null })).status).toBe(403);
    expect((await frbAdmin.delete(`/v1/subscriptions/${own.body.subscription.id}`)).status).toBe(204);
    expect((await frbAdmin.get(`/v1/subscriptions/${own.body.subscription.id}`)).status).toBe(404);
  });

  it("signs owners' own webhooks with a per-endpoint secret, with the legacy Pejling-Signature until the endpoint is switched", async () => {
    const target = `${hookUrl}/owner-hook`;
    const first = goalTransitionEvent({ owners: [{ name: 'Hook owner', channels: [{ type: 'webhook', target }] }] });
    await produceGoalEvents(world.topicPrefix, [first]);
    await waitUntil(() => at('/owner-hook').length >= 1, 20_000, 'the owner webhook');
    const legacy = at('/owner-hook')[0];
    // First seen in a delivery: the receiver keeps the old header, so it keeps verifying as before.
    expect(
      verifyWebhookSignature(LEGACY_SECRET, legacy.rawBody, legacy.headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000)).ok,
    ).toBe(true);
    expect(legacy.headers['webhook-id']).toBe(legacy.headers['pejling-delivery-id']);
    const endpoints = (await admin.get('/v1/webhook-endpoints')).body;
    const endpoint = endpoints.find((candidate: { url: string }) => candidate.url === target);
    expect(endpoint).toMatchObject({ legacySignature: true });
    expect((await frbAdmin.get('/v1/webhook-endpoints')).status).toBe(403);
    // The owner gets a secret of its own by a rotation, switches to Standard Webhooks and turns the old header off.
    const { secret: endpointSecret } = (await admin.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { overlapMinutes: 0 })).body;
    expect((await admin.patch(`/v1/webhook-endpoints/${endpoint.id}`, { legacySignature: false })).body).toMatchObject({
      legacySignature: false,
    });
    await produceGoalEvents(world.topicPrefix, [
      goalTransitionEvent({ owners: [{ name: 'Hook owner', channels: [{ type: 'webhook', target }] }] }),
    ]);
    await waitUntil(() => at('/owner-hook').length >= 2, 20_000, 'the second owner webhook');
    const switched = at('/owner-hook')[1];
    expect(switched.headers[SIGNATURE_HEADER]).toBeUndefined();
    expect(verify(endpointSecret, switched)).toMatchObject({ type: 'goal.breached' });
    expect(verifies(secret, switched)).toBe(false); // another receiver's secret cannot forge it
    // A newly registered endpoint starts without the legacy header.
    const registered = await admin.post('/v1/webhook-endpoints', { url: `${hookUrl}/new-hook` });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ endpoint: { legacySignature: false }, secret: expect.stringMatching(/^whsec_/) });
    expect((await admin.post('/v1/webhook-endpoints', { url: target })).status).toBe(409);
  });

  it('stores the public events it consumes, so replay does not depend on Kafka retention', async () => {
    const acknowledged = createEvent(
      'notification.episode-acknowledged',
      {
        episodeId: '50000000-0000-4000-8000-000000000001',
        goalId: '50000000-0000-4000-8000-000000000002',
        kind: 'breach',
        recipient: null,
        note: 'on it',
        via: 'api',
        acknowledgedAt: new Date().toISOString(),
      },
      { source: 'pejling/notifications', municipality: '147' },
    );
    await produceRaw(TOPICS.notifications, world.topicPrefix, [asMessage(acknowledged)]);
    await waitUntil(
      async () => (await service.dataSource.query(`SELECT 1 FROM public_events WHERE id = $1`, [acknowledged.id])).length === 1,
      20_000,
      'stored',
    );
    const [row] = await service.dataSource.query(`SELECT type, version, municipality FROM public_events WHERE id = $1`, [acknowledged.id]);
    expect(row).toEqual({ type: 'notification.episode-acknowledged', version: acknowledged.version, municipality: '147' });
  });

  it('re-queues a subscription delivery that was committed but never queued', async () => {
    const [stored] = await service.dataSource.query(
      `SELECT id FROM public_events WHERE type = 'goal.breached' ORDER BY received_at LIMIT 1`,
    );
    const deliveryId = '60000000-0000-4000-8000-000000000001';
    await service.dataSource.query(
      `INSERT INTO subscription_deliveries (id, subscription_id, event_id, replay, created_at) VALUES ($1, $2, $3, true, now() - interval '1 minute')`,
      [deliveryId, subscription.id, stored.id],
    );
    const { SubscriptionSweeper } = await import('./subscriptions/subscription-sweeper');
    expect(await service.nest.get(SubscriptionSweeper).sweep()).toBe(1);
    await waitUntil(() => at('/sub').some((request) => request.headers['webhook-id'] === deliveryId), 20_000, 'the swept delivery');
    expect(
      verifies(
        secret,
        at('/sub').find((request) => request.headers['webhook-id'] === deliveryId)!,
      ),
    ).toBe(true);
  });
});
