import { randomUUID } from 'node:crypto';
import {
  apiClient,
  createTestWorld,
  goalTransitionEvent,
  produceGoalEvents,
  RunningService,
  signUserToken,
  startService,
  TEST_CONSOLE_TOKEN_SECRET,
  TestSmtpServer,
  TestWebhookReceiver,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { notificationsApp } from './notifications.app';

/** Console users against the notifications API: roles, municipality scope, delivery filters and retrying a dead letter. */
describe('notifications for console users (real Kafka, PostgreSQL, Redis/Bull, SMTP and HTTP receiver)', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  let hookUrl: string;
  let admin: ReturnType<typeof apiClient>;
  let frb: ReturnType<typeof apiClient>;
  let frbAdmin: ReturnType<typeof apiClient>;
  let viewer: ReturnType<typeof apiClient>;
  let allOperator: ReturnType<typeof apiClient>;
  const frbGoal = randomUUID();
  const kbhGoal = randomUUID();
  let frbEpisode: string;
  let kbhEpisode: string;
  let kbhDead: string;
  let kbhSilence: string;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    hookUrl = await receiver.start();
    // København's webhook is down until the retry test brings it back.
    receiver.status = (request) => (request.path === '/kbh' ? 500 : 204);
    world = await createTestWorld({
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: 'console-access-signing-secret',
      ACK_LINK_SECRET: 'console-access-ack-link-secret',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_BACKOFF_MS: '50',
      ALERT_GROUP_WINDOW_MS: '0',
      CONSOLE_TOKEN_SECRET: TEST_CONSOLE_TOKEN_SECRET,
    });
    service = await startService(notificationsApp, world.env);
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    frb = apiClient(
      service.baseUrl,
      await signUserToken({ role: 'operator', municipalities: ['147'], email: 'frida@frederiksberg.example' }),
    );
    frbAdmin = apiClient(service.baseUrl, await signUserToken({ role: 'admin', municipalities: ['147'] }));
    viewer = apiClient(service.baseUrl, await signUserToken({ role: 'viewer', municipalities: ['*'] }));
    allOperator = apiClient(
      service.baseUrl,
      await signUserToken({ role: 'operator', municipalities: ['*'], email: 'otto@pejling.example' }),
    );
    await produceGoalEvents(world.topicPrefix, [
      goalTransitionEvent({
        goalId: frbGoal,
        municipality: '147',
        owners: [
          {
            name: 'Frederiksberg team',
            channels: [
              { type: 'email', target: 'team@frederiksberg.example' },
              { type: 'webhook', target: `${hookUrl}/frb` },
            ],
          },
        ],
      }),
      goalTransitionEvent({
        goalId: kbhGoal,
        municipality: '101',
        owners: [{ name: 'Københavns team', channels: [{ type: 'webhook', target: `${hookUrl}/kbh` }] }],
      }),
    ]);
    await waitUntil(
      async () => {
        const deliveries = (await admin.get('/v1/deliveries')).body as { status: string; municipality: string; id: string }[];
        const dead = deliveries.find((delivery) => delivery.municipality === '101' && delivery.status === 'dead');
        kbhDead = dead?.id ?? '';
        return !!dead && deliveries.filter((delivery) => delivery.municipality === '147' && delivery.status === 'delivered').length === 2;
      },
      30_000,
      'Frederiksberg delivered and København dead',
    );
    const episodes = (await admin.get('/v1/episodes')).body as { id: string; municipality: string }[];
    frbEpisode = episodes.find((episode) => episode.municipality === '147')!.id;
    kbhEpisode = episodes.find((episode) => episode.municipality === '101')!.id;
    const silence = await admin.post('/v1/silences', {
      matchers: { municipality: '101' },
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'København omlægger',
    });
    expect(silence.status).toBe(201);
    kbhSilence = silence.body.id;
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  });

  it('refuses expired and forged user tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signUserToken({ role: 'admin', municipalities: ['*'], iat: now - 400, exp: now - 100 });
    const forged = await signUserToken({ role: 'admin', municipalities: ['*'] }, 'x'.repeat(40));
    const wrongAudience = await signUserToken({ role: 'admin', municipalities: ['*'], aud: 'someone-else' });
    for (const token of [expired, forged, wrongAudience])
      expect((await apiClient(service.baseUrl, token).get('/v1/episodes')).status).toBe(401);
  });

  it('shows a Frederiksberg operator only Frederiksberg episodes, deliveries, silences and history', async () => {
    const episodes = (await frb.get('/v1/episodes')).body;
    expect(episodes.map((episode: { id: string }) => episode.id)).toEqual([frbEpisode]);
    expect((await frb.get('/v1/episodes?municipality=101')).body).toEqual([]);
    expect((await frb.get(`/v1/episodes/${kbhEpisode}`)).status).toBe(404);
    const deliveries = (await frb.get('/v1/deliveries')).body;
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((delivery: { municipality: string }) => delivery.municipality === '147')).toBe(true);
    expect((await frb.get('/v1/deliveries?municipality=101')).body).toEqual([]);
    expect((await frb.get('/v1/deliveries/counts')).body).toMatchObject({ total: 2, byStatus: { delivered: 2, dead: 0 } });
    expect((await admin.get('/v1/deliveries/counts')).body).toMatchObject({ total: 3, byStatus: { delivered: 2, dead: 1 } });
    expect((await frb.get('/v1/silences')).body.map((silence: { id: string }) => silence.id)).not.toContain(kbhSilence);
    expect((await frb.get(`/v1/silences/${kbhSilence}`)).status).toBe(404);
    expect((await frb.get(`/v1/goals/${kbhGoal}/history`)).status).toBe(404);
    expect((await frb.get(`/v1/goals/${frbGoal}/history`)).body.episodes.map((episode: { id: string }) => episode.id)).toEqual([
      frbEpisode,
    ]);
  });

  it('refuses a Frederiksberg operator every change to København with 403 naming it', async () => {
    const ack = await frb.post(`/v1/episodes/${kbhEpisode}/acknowledge`, { note: 'Vi kigger på det' });
    expect(ack.status).toBe(403);
    expect(ack.body.message).toContain('municipality 101');
    expect((await frb.post(`/v1/deliveries/${kbhDead}/retry`, {})).status).toBe(403);
    expect((await frb.delete(`/v1/silences/${kbhSilence}`)).status).toBe(403);
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const kbh = await frb.post('/v1/silences', { matchers: { municipality: '101' }, endsAt, reason: 'ikke vores' });
    expect(kbh.status).toBe(403);
    expect(kbh.body.message).toContain('municipality 101');
    expect((await frb.post('/v1/silences', { matchers: { goalId: kbhGoal }, endsAt, reason: 'uden kommune' })).status).toBe(403);
    expect((await frbAdmin.post('/v1/recipients', { name: 'Nogen', email: 'x@frederiksberg.example' })).status).toBe(403);
    expect((await frb.get(`/v1/episodes/${kbhEpisode}`)).status).toBe(404);
    expect((await admin.get(`/v1/episodes/${kbhEpisode}`)).body.status).toBe('open');
  });

  it('lets the Frederiksberg operator act on Frederiksberg, as itself', async () => {
    const ack = await frb.post(`/v1/episodes/${frbEpisode}/acknowledge`, { note: 'Jobcentret følger op' });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgement).toMatchObject({ by: 'frida@frederiksberg.example', note: 'Jobcentret følger op' });
    const silence = await frb.post('/v1/silences', {
      matchers: { municipality: '147' },
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      reason: 'Planlagt omlægning',
    });
    expect(silence.status).toBe(201);
    expect(silence.body).toMatchObject({ municipality: '147', author: 'frida@frederiksberg.example' });
    expect((await frb.delete(`/v1/silences/${silence.body.id}`)).status).toBe(204);
  });

  it('lets a viewer read everything but change nothing', async () => {
    expect((await viewer.get(`/v1/episodes/${kbhEpisode}`)).status).toBe(200);
    expect((await viewer.post(`/v1/episodes/${kbhEpisode}/acknowledge`, { note: 'kigger' })).status).toBe(403);
    expect(
      (
        await viewer.post('/v1/silences', {
          matchers: { municipality: '101' },
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          reason: 'nej',
        })
      ).status,
    ).toBe(403);
    expect((await viewer.post(`/v1/deliveries/${kbhDead}/retry`, {})).status).toBe(403);
  });

  it('filters deliveries by status, channel, goal and municipality', async () => {
    const email = (await admin.get(`/v1/deliveries?status=delivered&channel=email&goal=${frbGoal}&municipality=147`)).body;
    // The breach, and (once acknowledged above) possibly the acknowledgement notice: both emails of this goal.
    expect(email.length).toBeGreaterThanOrEqual(1);
    for (const delivery of email)
      expect(delivery).toMatchObject({
        channel: 'email',
        target: 'team@frederiksberg.example',
        status: 'delivered',
        goalId: frbGoal,
        municipality: '147',
      });
    expect(
      (await admin.get(`/v1/deliveries?channel=webhook&goal=${frbGoal}`)).body.every(
        (delivery: { channel: string }) => delivery.channel === 'webhook',
      ),
    ).toBe(true);
    expect((await admin.get(`/v1/deliveries?goal=${kbhGoal}&status=dead`)).body.map((delivery: { id: string }) => delivery.id)).toEqual([
      kbhDead,
    ]);
    expect((await admin.get('/v1/deliveries?municipality=14')).status).toBe(400);
    expect((await admin.get('/v1/deliveries?channel=fax')).status).toBe(400);
  });

  it('retries a dead delivery: re-queued, sent to the receiver, with the old attempts kept', async () => {
    expect((await allOperator.post(`/v1/deliveries/${frbEpisode}/retry`, {})).status).toBe(404);
    const delivered = (await admin.get('/v1/deliveries?status=delivered&channel=email')).body[0];
    expect((await allOperator.post(`/v1/deliveries/${delivered.id}/retry`, {})).status).toBe(409);
    receiver.status = () => 204;
    const before = receiver.requests.filter((request) => request.path === '/kbh').length;
    const retried = await allOperator.post(`/v1/deliveries/${kbhDead}/retry`, {});
    expect(retried).toEqual({ status: 202, body: { id: kbhDead, status: 'pending' } });
    await waitUntil(
      async () => (await admin.get(`/v1/deliveries?goal=${kbhGoal}`)).body[0]?.status === 'delivered',
      20_000,
      'the retried delivery to arrive',
    );
    const arrived = receiver.requests.filter((request) => request.path === '/kbh');
    expect(arrived).toHaveLength(before + 1);
    expect(arrived.at(-1)!.headers['pejling-delivery-id']).toBe(kbhDead);
    const [after] = (await admin.get(`/v1/deliveries?goal=${kbhGoal}`)).body;
    expect(after.attemptLog.map((attempt: { outcome: string }) => attempt.outcome)).toEqual(['failure', 'failure', 'success']);
    expect((await allOperator.post(`/v1/deliveries/${kbhDead}/retry`, {})).status).toBe(409);
  });
});
