import { Client } from 'pg';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '@pejling/contracts';
import { MUNICIPALITIES } from '@pejling/domain-kernel';
import {
  apiClient,
  createTestWorld,
  FREDERIKSBERG_AUGUST_2021_RECOVERED,
  FREDERIKSBERG_JULY_2021,
  ServiceProcess,
  startServiceProcess,
  TestSmtpServer,
  TestWebhookReceiver,
  TestWorld,
  waitUntil,
} from '@pejling/testing';

const SECRET = 'e2e-webhook-signing-secret';
const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'] as const;
type ServiceName = (typeof SERVICES)[number];

const julyBreach = FREDERIKSBERG_JULY_2021;
const augustRecovery = FREDERIKSBERG_AUGUST_2021_RECOVERED;

/**
 * The whole pipeline as it runs in production: four separate service processes (built output),
 * the real Kafka broker, PostgreSQL and Redis, a real SMTP server and a real HTTP receiver.
 */
describe('figure → indicator → goal breach → email and signed webhook (four processes)', () => {
  let world: TestWorld;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  const processes = new Map<ServiceName, ServiceProcess>();
  const urls = {} as Record<ServiceName, string>;
  let webhookUrl: string;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    webhookUrl = `${await receiver.start()}/hooks/pejling`;
    world = await createTestWorld({
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: SECRET,
      ACK_LINK_SECRET: 'e2e-ack-link-signing-secret',
      // The receiver listens on 127.0.0.1, which the SSRF guard refuses by default.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      ALERT_GROUP_WINDOW_MS: '500',
      BULL_PREFIX: `e2e-${Date.now()}`,
      LOG_LEVEL: 'info',
    });
    for (const name of SERVICES) {
      const service = await startServiceProcess(name, world.env);
      processes.set(name, service);
      urls[name] = service.baseUrl;
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...processes.values()].map((service) => service.stop()));
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  }, 60_000);

  it('alerts the owner by email, signed webhook and Teams card on a breach, reminds, records the acknowledgement, and closes on recovery', async () => {
    const admin = apiClient(urls.goals, await world.apiKey('admin'));
    const integrator = apiClient(urls.ingest, await world.apiKey('integrator'));
    const notifications = apiClient(urls.notifications, await world.apiKey('admin'));
    const teamsUrl = webhookUrl.replace('/hooks/pejling', '/hooks/teams');

    const created = await admin.post('/v1/goals', {
      name: 'Mål E: andelen på sygedagpenge mv. højst 1,8 %',
      municipality: '147',
      indicator: 'share.sygedagpenge-mv',
      comparator: 'lte',
      target: 1.8,
      owner: { name: 'Sygedagpengeteamet', email: 'team@frederiksberg.example', webhookUrl, teamsWebhookUrl: teamsUrl },
    });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('no_data');

    // June first (met: 1,71 %), so the breach email has a trend to draw.
    const june = julyBreach.map((figure) => ({
      ...figure,
      period: '2021-06',
      value: { sygedagpenge: 1105, jobafklaringsforloeb: 100, 'befolkning-16-66': 70380 }[figure.series] as number,
    }));
    expect((await integrator.post('/v1/figures', { figures: june })).status).toBe(201);
    await waitUntil(async () => (await admin.get(`/v1/goals/${created.body.id}`)).body.statePeriod === '2021-06', 30_000, 'June judged');
    const posted = await integrator.post('/v1/figures', { figures: julyBreach });
    expect(posted.status).toBe(201);

    const at = (path: string) => receiver.requests.filter((request) => request.path === path);
    await waitUntil(
      () => smtp.messages.length >= 1 && at('/hooks/pejling').length >= 1 && at('/hooks/teams').length >= 1,
      30_000,
      'breach email, webhook and Teams card',
    );
    const email = smtp.messages[0];
    expect(email.to).toMatchObject({ text: 'team@frederiksberg.example' });
    expect(email.subject).toBe('Mål brudt: Mål E: andelen på sygedagpenge mv. højst 1,8 % (Frederiksberg, 2021-07)');
    expect(email.text).toContain('1,9 %');
    expect(email.text).toContain('0,1 pct.-point over');
    expect(email.text).toMatch(/Udvikling, seneste 2 perioder: ▁█ {2}1,71 % → 1,88 %/);
    expect(email.attachments.map((attachment) => attachment.contentType)).toEqual(['image/png']);

    const webhook = at('/hooks/pejling')[0];
    expect(
      verifyWebhookSignature(SECRET, webhook.rawBody, webhook.headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000)),
    ).toMatchObject({ ok: true });
    const breach = JSON.parse(webhook.rawBody);
    expect(breach).toMatchObject({
      type: 'goal.breached',
      step: 'opened',
      data: { transition: 'breach', state: 'breached', period: '2021-07', municipality: '147', ownerIds: [expect.any(String)] },
    });
    expect(breach.data).not.toHaveProperty('owners'); // the transition names owners by id only (README: what events carry about owners)
    expect(breach.data.value).toBeCloseTo((100 * 1323) / 70400, 6);
    const card = JSON.parse(at('/hooks/teams')[0].rawBody);
    expect(card).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4' } }],
    });

    const goal = await admin.get(`/v1/goals/${created.body.id}`);
    expect(goal.body).toMatchObject({ state: 'breached', statePeriod: '2021-07' });

    // A week on, still breached and nobody has acknowledged: a reminder on every channel.
    const [episode] = (await notifications.get(`/v1/episodes?goalId=${created.body.id}`)).body;
    const weekLater = new Date(new Date(episode.openedAt).getTime() + 7 * 86_400_000 + 60_000).toISOString();
    expect((await notifications.post('/v1/admin/reminders/sweep', { now: weekLater })).body).toEqual({ reminded: 1, silenced: 0 });
    await waitUntil(() => smtp.messages.length >= 2 && at('/hooks/teams').length >= 2, 30_000, 'the reminder');
    expect(smtp.messages[1].subject).toMatch(/^Påmindelse 1: målet er stadig brudt: /);

    const acknowledged = await notifications.post(`/v1/episodes/${episode.id}/acknowledge`, {
      by: 'Mette Hansen',
      note: 'Opfølgning på langvarige sager; status til AUU i september',
    });
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgement: { by: 'Mette Hansen' } });
    await waitUntil(() => smtp.messages.length >= 3, 30_000, 'the acknowledgement notice');
    expect(smtp.messages[2].text).toContain('Kvitteret af Mette Hansen');

    await integrator.post('/v1/figures', { figures: augustRecovery });
    await waitUntil(
      () => smtp.messages.length >= 4 && at('/hooks/pejling').length >= 4 && at('/hooks/teams').length >= 4,
      30_000,
      'recovery email, webhook and card',
    );
    expect(smtp.messages[3].subject).toMatch(/^Mål opfyldt igen: .* \(Frederiksberg, 2021-08\)$/);
    // The group indicator's explanation names the benefit types that drove the change.
    expect(smtp.messages[3].text).toContain('skyldes især Sygedagpenge (-97) og Jobafklaringsforløb (-5) fuldtidspersoner');
    expect(JSON.parse(at('/hooks/pejling')[3].rawBody)).toMatchObject({
      type: 'goal.recovered',
      data: { transition: 'recovery', state: 'met' },
    });
    expect((await notifications.get(`/v1/episodes/${episode.id}`)).body.history.map((entry: { type: string }) => entry.type)).toEqual([
      'opened',
      'reminder',
      'acknowledged',
      'resolved',
    ]);

    const deliveries = await apiClient(urls.notifications, await world.apiKey('operator')).get('/v1/deliveries');
    expect(deliveries.status).toBe(200);
    expect(deliveries.body).toHaveLength(12); // opened, reminder, acknowledged, recovered × email, webhook, Teams
    for (const delivery of deliveries.body) {
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(delivery.attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'success' })]);
    }
    // Exactly one message per step and channel.
    expect(smtp.messages).toHaveLength(4);
    expect(at('/hooks/pejling')).toHaveLength(4);
    expect(at('/hooks/teams')).toHaveLength(4);
  }, 120_000);

  it('shuts every service down gracefully on SIGTERM while busy, leaving no committed event unpublished', async () => {
    // A busy moment: 98 municipalities' September figures are flowing through indicators when SIGTERM arrives.
    const figures = MUNICIPALITIES.flatMap(({ code }) => [
      { municipality: code, series: 'sygedagpenge', period: '2021-09', value: 500, unit: 'full-time-persons', source: 'jobindsats' },
      { municipality: code, series: 'befolkning-16-66', period: '2021-09', value: 40000, unit: 'persons', source: 'jobindsats' },
    ]);
    const integrator = apiClient(urls.ingest, await world.apiKey('integrator'));
    expect((await integrator.post('/v1/figures', { figures })).status).toBe(201);
    const db = new Client({ connectionString: world.databaseUrl });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query(sql)).rows[0].count);
      await waitUntil(async () => (await count('SELECT count(*) FROM indicators.processed_events')) > 2, 30_000, 'indicators at work');
      const exits = await Promise.all([...processes.values()].map(async (service) => [service.name, await service.stop()] as const));
      expect(Object.fromEntries(exits)).toEqual({ ingest: 0, indicators: 0, goals: 0, notifications: 0 });
      // Consumers and HTTP stop before the relay's last drain, so what they committed went out too.
      for (const schema of ['ingest', 'indicators', 'goals']) {
        expect([schema, await count(`SELECT count(*) FROM ${schema}.outbox WHERE published_at IS NULL`)]).toEqual([schema, 0]);
      }
    } finally {
      await db.end();
    }
  }, 90_000);
});
