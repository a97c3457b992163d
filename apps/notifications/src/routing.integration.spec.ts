import { createEvent, NATIONAL_KEY, TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  goalTransitionEvent,
  IDLE,
  produceGoalEvents,
  produceRaw,
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

// Wide enough that a 30-message burst is consumed inside one window even on a loaded 2-core machine.
const GROUP_WINDOW_MS = 10_000;
const mailOwner = (address: string) => ({ name: address.split('@')[0], channels: [{ type: 'email' as const, target: address }] });

/** Routing rules, grouping, chat formats, data-quality problems, disabled endpoints and the SSRF guard. */
describe('notifications: routing and channels (real Kafka, PostgreSQL, Redis/Bull, SMTP and HTTP receiver)', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  let hookUrl: string;
  let admin: ReturnType<typeof apiClient>;
  let notificationsTopic: TopicProbe;
  const to = (address: string) => smtp.messages.filter((mail) => !Array.isArray(mail.to) && mail.to?.text === address);
  const at = (path: string) => receiver.requests.filter((request) => request.path === path);

  beforeAll(async () => {
    hookUrl = await receiver.start();
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      WEBHOOK_SIGNING_SECRET: 'routing-signing-secret',
      ACK_LINK_SECRET: 'routing-ack-link-secret',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      ALERT_GROUP_WINDOW_MS: String(GROUP_WINDOW_MS),
      DELIVERY_BACKOFF_MS: '50',
    });
    notificationsTopic = await TopicProbe.start(TOPICS.notifications, world.topicPrefix);
    service = await startService(notificationsApp, world.env);
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
  });

  afterAll(async () => {
    await notificationsTopic?.stop();
    await service?.close();
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  });

  it('adds recipients by plan, municipality, focus area, goal, severity and transition type, once per inbox', async () => {
    const recipient = async (name: string) => (await admin.post('/v1/recipients', { name, email: `${name}@kommune.example` })).body.id;
    const [plan, municipality, critical, quality, shared] = [
      await recipient('plan'),
      await recipient('kbh'),
      await recipient('critical'),
      await recipient('quality'),
      await recipient('shared'),
    ];
    await admin.patch(`/v1/recipients/${shared}`, { email: 'owner-a@frederiksberg.example' }); // the same inbox as the owner
    const rules = [
      { name: 'plan', planId: 'frederiksberg-2022', kinds: ['breach', 'recovery'], recipientIds: [plan, shared] },
      { name: 'København', municipality: '101', recipientIds: [municipality] },
      { name: 'critical only', severities: ['critical'], recipientIds: [critical] },
      { name: 'data quality', kinds: ['data_quality'], municipality: '147', recipientIds: [quality] },
    ];
    for (const rule of rules) expect((await admin.post('/v1/routing-rules', rule)).status).toBe(201);
    const invalid = await admin.post('/v1/routing-rules', {
      name: 'x',
      kinds: ['exploded'],
      recipientIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(invalid.body.errors).toEqual([
      { field: 'kinds.0', reason: 'must be one of breach, at_risk, recovery, stale, data_quality, correction' },
    ]);
    expect((await admin.post('/v1/routing-rules', { name: 'x', recipientIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(422);

    const major = goalTransitionEvent({ owners: [mailOwner('owner-a@frederiksberg.example')] });
    const criticalAtRisk = goalTransitionEvent({
      type: 'goal.at-risk',
      severity: 'critical',
      owners: [mailOwner('owner-b@frederiksberg.example')],
    });
    const copenhagen = goalTransitionEvent({
      municipality: '101',
      plan: { id: 'koebenhavn-2022', name: 'BP 2022' },
      owners: [mailOwner('owner-c@kk.example')],
    });
    const flagged = createEvent(
      'figure.flagged',
      {
        flagId: '60000000-0000-4000-8000-000000000001',
        check: 'jump',
        source: 'jobindsats',
        series: 'sygedagpenge',
        municipality: '147',
        period: '2021-07',
        value: 2117,
        details: { median: 1200, mad: 40, threshold: 1400 },
        message: {
          da: 'Sygedagpenge for juli 2021 (2.117) ligger langt over de seneste 12 måneder.',
          en: 'Sickness benefit for July 2021 (2,117) is far above the last 12 months.',
        },
        batchId: '70000000-0000-4000-8000-000000000001',
      },
      { source: 'pejling/ingest', municipality: '147' },
    );
    const pull = (willRetry: boolean) =>
      createEvent(
        'pull.failed',
        {
          pullId: '80000000-0000-4000-8000-000000000001',
          table: 'y07a02',
          periods: ['2021-07'],
          attempt: willRetry ? 1 : 3,
          maxAttempts: 3,
          willRetry,
          error: 'HTTP 503',
        },
        { source: 'pejling/ingest', municipality: NATIONAL_KEY },
      );
    await produceGoalEvents(world.topicPrefix, [major, criticalAtRisk, copenhagen]);
    await produceRaw(TOPICS.dataQuality, world.topicPrefix, [asMessage(flagged)]);
    await produceRaw(TOPICS.ingestRuns, world.topicPrefix, [asMessage(pull(true)), asMessage(pull(false))]);
    await waitUntil(() => smtp.messages.length >= 7, 30_000, 'routed emails');
    await waitUntilIdle(world, IDLE.notifications, 30_000); // every routed delivery sent, the grouped ones included
    const inboxes = Object.fromEntries(
      [
        'owner-a@frederiksberg.example',
        'owner-b@frederiksberg.example',
        'owner-c@kk.example',
        'plan@kommune.example',
        'kbh@kommune.example',
        'critical@kommune.example',
        'quality@kommune.example',
        'shared@kommune.example',
      ].map((address) => [address, to(address).map((mail) => mail.subject?.split(':')[0])]),
    );
    expect(inboxes).toEqual({
      'owner-a@frederiksberg.example': ['Mål brudt'], // once, though the plan rule's "shared" recipient has the same inbox
      'owner-b@frederiksberg.example': ['Mål i risiko'],
      'owner-c@kk.example': ['Mål brudt'],
      'plan@kommune.example': ['Mål brudt'], // the Frederiksberg plan's breach; not the at-risk warning
      'kbh@kommune.example': ['Mål brudt'],
      'critical@kommune.example': ['Mål i risiko'],
      'quality@kommune.example': ['Problem med datakvaliteten'], // the flagged figure (147); the national pull failure is not 147
      'shared@kommune.example': [],
    });
    expect(to('quality@kommune.example')[0].text).toContain('ligger langt over de seneste 12 måneder');
  });

  it('groups a burst of transitions for one recipient and municipality into one email, but gives a webhook one payload each', async () => {
    const owner = {
      name: 'Burst',
      channels: [
        { type: 'email' as const, target: 'burst@frederiksberg.example' },
        { type: 'webhook' as const, target: `${hookUrl}/burst` },
      ],
    };
    const burst = Array.from({ length: 30 }, () => goalTransitionEvent({ owners: [owner] }));
    const startedAt = Date.now();
    await produceGoalEvents(world.topicPrefix, burst);
    await waitUntil(
      () => to('burst@frederiksberg.example').length >= 1 && at('/burst').length >= 30,
      30_000,
      'the grouped email and 30 webhooks',
    );
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(GROUP_WINDOW_MS - 100); // the email waited for the window
    await waitUntilIdle(world, IDLE.notifications, 30_000);
    expect(to('burst@frederiksberg.example')).toHaveLength(1);
    const mail = to('burst@frederiksberg.example')[0];
    expect(mail.subject).toBe('Pejling: 30 meddelelser om Frederiksberg (30 × mål brudt)');
    expect(mail.text!.match(/MÅL BRUDT:/g)).toHaveLength(30);
    expect(mail.attachments).toHaveLength(30);
    expect(at('/burst')).toHaveLength(30);
    expect(new Set(at('/burst').map((request) => JSON.parse(request.rawBody).eventId))).toEqual(new Set(burst.map((event) => event.id)));
  });

  it('posts a Teams Workflows Adaptive Card and a Slack Block Kit message', async () => {
    const owner = {
      name: 'Chat',
      language: 'en' as const,
      channels: [
        { type: 'teams' as const, target: `${hookUrl}/teams` },
        { type: 'slack' as const, target: `${hookUrl}/slack` },
      ],
    };
    await produceGoalEvents(world.topicPrefix, [goalTransitionEvent({ owners: [owner] })]);
    await waitUntil(() => at('/teams').length === 1 && at('/slack').length === 1, 20_000, 'chat messages');
    const teams = JSON.parse(at('/teams')[0].rawBody);
    expect(teams).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4' } }],
    });
    const body = teams.attachments[0].content.body;
    expect(body[0]).toMatchObject({ type: 'TextBlock', text: expect.stringMatching(/^Goal breached: /) });
    const container = body.find((element: { type: string }) => element.type === 'Container');
    expect(container.items.find((item: { type: string }) => item.type === 'FactSet').facts).toContainEqual({
      title: 'Value',
      value: '1.88 %',
    });
    expect(
      container.items
        .find((item: { type: string }) => item.type === 'ActionSet')
        .actions.map((action: { type: string; title: string }) => [action.type, action.title]),
    ).toEqual([
      ['Action.OpenUrl', 'Open the goal'],
      ['Action.OpenUrl', 'Acknowledge and say what is being done'],
    ]);
    const slack = JSON.parse(at('/slack')[0].rawBody);
    expect(slack.text).toMatch(/^Goal breached: /);
    expect(slack.blocks.map((block: { type: string }) => block.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'actions',
      'divider',
    ]);
    expect(at('/teams')[0].headers['pejling-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('disables an endpoint that answers 410 Gone: the owner is told on another channel, an event is published, later deliveries are skipped', async () => {
    receiver.status = (request) => (request.path === '/gone' ? 410 : 204);
    const owner = {
      id: '90000000-0000-4000-8000-000000000001',
      name: 'Gone',
      channels: [
        { type: 'webhook' as const, target: `${hookUrl}/gone` },
        { type: 'email' as const, target: 'gone@frederiksberg.example' },
      ],
    };
    await produceGoalEvents(world.topicPrefix, [goalTransitionEvent({ owners: [owner], municipality: '101' })]);
    const hasNotice = () => to('gone@frederiksberg.example').some((mail) => mail.text?.includes('svarede 410 Gone og er slået fra'));
    await waitUntil(hasNotice, 20_000, 'the endpoint notice by email');
    // The notice joins the breach email if that is still in its group window: one message with both.
    const texts = to('gone@frederiksberg.example')
      .map((mail) => mail.text)
      .join('\n');
    expect(texts).toContain('MÅL BRUDT: Mål E');
    expect(texts).toContain('WEBHOOK DEAKTIVERET: webhook: http://127.0.0.1');
    const notice = to('gone@frederiksberg.example').find((mail) => mail.text?.includes('svarede 410 Gone'))!;
    expect(notice.text).not.toContain('/gone'); // only the host travels
    const [disabled] = (await admin.get('/v1/endpoints/disabled')).body;
    expect(disabled).toMatchObject({ channel: 'webhook', target: `${hookUrl}/gone`, statusCode: 410, recipientKey: `owner:${owner.id}` });
    const [event] = await notificationsTopic.waitFor((messages) =>
      messages.some((m) => m.event?.type === 'notification.endpoint-disabled'),
    );
    expect(event.event).toMatchObject({ payload: { endpoint: hookUrl, statusCode: 410, recipient: `owner:${owner.id}` } });

    await produceGoalEvents(world.topicPrefix, [goalTransitionEvent({ owners: [owner], municipality: '101' })]);
    await waitUntil(async () => (await admin.get(`/v1/deliveries?status=skipped`)).body.length === 1, 20_000, 'the skipped delivery');
    expect(at('/gone')).toHaveLength(1);
    expect((await admin.get(`/v1/deliveries?status=skipped`)).body[0].lastError).toMatch(/^endpoint disabled since .*: HTTP 410 Gone/);
    expect((await admin.delete(`/v1/endpoints/disabled/${disabled.endpointKey}`)).status).toBe(204);
    expect((await admin.get('/v1/endpoints/disabled')).body).toEqual([]);
  });
});

describe('notifications: SSRF guard on (WEBHOOK_ALLOW_PRIVATE_TARGETS unset)', () => {
  let world: TestWorld;
  let service: RunningService;
  const receiver = new TestWebhookReceiver();
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    const hookUrl = await receiver.start();
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      WEBHOOK_SIGNING_SECRET: 'ssrf-signing-secret-x',
      ACK_LINK_SECRET: 'ssrf-ack-link-secret-x',
      ALERT_GROUP_WINDOW_MS: '0',
    });
    service = await startService(notificationsApp, world.env);
    const owner = {
      name: 'Internal',
      channels: [
        { type: 'webhook' as const, target: `${hookUrl}/internal` },
        { type: 'teams' as const, target: hookUrl.replace('127.0.0.1', 'localhost') + '/by-name' },
        { type: 'slack' as const, target: 'http://[::ffff:127.0.0.1]:9/mapped' },
      ],
    };
    await produceGoalEvents(world.topicPrefix, [goalTransitionEvent({ owners: [owner] })]);
  });

  afterAll(async () => {
    await service?.close();
    await receiver.stop();
    await smtp.stop();
    await world?.cleanup();
  });

  it('refuses loopback targets by IP, by name and IPv4-mapped, dead-letters them with the reason, and sends nothing', async () => {
    const operator = apiClient(service.baseUrl, await world.apiKey('operator'));
    await waitUntil(async () => (await operator.get('/v1/deliveries?status=dead')).body.length === 3, 20_000, 'three refused deliveries');
    const dead = (await operator.get('/v1/deliveries?status=dead')).body;
    const reasons = Object.fromEntries(
      dead.map((d: { channel: string; lastError: string; attempts: number; attemptLog: { outcome: string }[] }) => [
        d.channel,
        [d.lastError, d.attempts, d.attemptLog[0].outcome],
      ]),
    );
    expect(reasons).toEqual({
      webhook: ['refused: 127.0.0.1 is a loopback address (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow)', 1, 'refused'],
      teams: [expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/), 1, 'refused'],
      slack: ['refused: ::ffff:7f00:1 is a loopback address (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow)', 1, 'refused'],
    });
    expect(receiver.requests).toHaveLength(0);
  });
});
