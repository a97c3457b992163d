import fs from 'node:fs';
import path from 'node:path';
import {
  apiClient,
  createTestWorld,
  ServiceProcess,
  startServiceProcess,
  TestSmtpServer,
  TestWebhookReceiver,
  TestWorld,
  waitUntil,
} from '@pejling/testing';

const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'] as const;
const demo = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../demo', name), 'utf8'));

/**
 * The `npm start` demo's data and steps (demo/*.json, README "Notifications demo"), on free ports:
 * history, breach (email with explanation and trend chart, webhook, Teams card), a reminder, an
 * acknowledgement and a recovery notice.
 */
describe('the notifications demo, step by step (four processes)', () => {
  let world: TestWorld;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  const processes: ServiceProcess[] = [];
  const urls = {} as Record<(typeof SERVICES)[number], string>;
  let hooks: string;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    hooks = await receiver.start();
    world = await createTestWorld({
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: 'demo-webhook-signing-secret',
      ACK_LINK_SECRET: 'demo-ack-link-secret-xx',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      ALERT_GROUP_WINDOW_MS: '1000',
    });
    for (const name of SERVICES) {
      const service = await startServiceProcess(name, world.env);
      processes.push(service);
      urls[name] = service.baseUrl;
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((service) => service.stop()));
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  }, 60_000);

  it('shows a breach email with explanation and sparkline, a reminder, an acknowledgement, a recovery notice and a Teams payload', async () => {
    const goal = demo('goal.json');
    goal.owner.webhookUrl = goal.owner.webhookUrl.replace('http://127.0.0.1:4000', hooks);
    goal.owner.teamsWebhookUrl = goal.owner.teamsWebhookUrl.replace('http://127.0.0.1:4000', hooks);
    const admin = apiClient(urls.goals, await world.apiKey('admin'));
    const integrator = apiClient(urls.ingest, await world.apiKey('integrator'));
    const notifications = apiClient(urls.notifications, await world.apiKey('admin'));
    expect((await admin.post('/v1/owners', goal.owner)).status).toBe(201);
    expect((await integrator.post('/v1/figures', demo('history.json'))).status).toBe(201);
    const created = (await admin.post('/v1/goals', goal)).body;
    await waitUntil(async () => (await admin.get(`/v1/goals/${created.id}`)).body.statePeriod === '2021-06', 30_000, 'the history judged');

    expect((await integrator.post('/v1/figures', demo('breach.json'))).status).toBe(201);
    const teams = () => receiver.requests.filter((request) => request.path === '/teams-workflow');
    await waitUntil(() => smtp.messages.length >= 1 && teams().length >= 1, 30_000, 'breach email and Teams card');
    expect(smtp.messages[0].subject).toBe(`Mål brudt: ${goal.name} (Frederiksberg, 2021-07)`);
    expect(smtp.messages[0].text).toContain('0,1 pct.-point over');
    // The demo has figures for Frederiksberg only: their "average" is called what it is, never the national average.
    expect(smtp.messages[0].text).toContain('Gennemsnit af 1 af 98 kommuner: 1,88 %');
    expect(smtp.messages[0].text).not.toContain('Landsgennemsnit');
    expect(smtp.messages[0].text).toMatch(/Udvikling, seneste 7 perioder: ▁▂▂▃▄▄█ {2}1,73 % → 1,88 %/);
    expect(smtp.messages[0].attachments[0]).toMatchObject({ contentType: 'image/png' });
    expect(JSON.parse(teams()[0].rawBody)).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4' } }],
    });

    const weekLater = new Date(Date.now() + 8 * 86_400_000).toISOString();
    expect((await notifications.post('/v1/admin/reminders/sweep', { now: weekLater })).body).toEqual({ reminded: 1, silenced: 0 });
    await waitUntil(() => smtp.messages.length >= 2, 30_000, 'the reminder');
    const [episode] = (await notifications.get('/v1/episodes?status=open')).body;
    expect((await notifications.post(`/v1/episodes/${episode.id}/acknowledge`, demo('acknowledge.json'))).status).toBe(200);
    await waitUntil(() => smtp.messages.length >= 3, 30_000, 'the acknowledgement notice');
    expect((await integrator.post('/v1/figures', demo('recovery.json'))).status).toBe(201);
    await waitUntil(() => smtp.messages.length >= 4, 30_000, 'the recovery notice');
    expect(smtp.messages.map((mail) => mail.subject?.split(':')[0])).toEqual([
      'Mål brudt',
      'Påmindelse 1',
      'Kvitteret',
      'Mål opfyldt igen',
    ]);
    expect(smtp.messages[2].text).toContain('Kvitteret af Mette Hansen, jobcenterchef');
    expect(teams()).toHaveLength(4);
  }, 150_000);
});
