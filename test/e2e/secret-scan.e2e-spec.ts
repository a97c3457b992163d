import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isPublicTopic, TOPICS } from '@pejling/contracts';
import {
  apiClient,
  createTestWorld,
  ServiceProcess,
  startServiceProcess,
  TestSmtpServer,
  TestWebhookReceiver,
  TestWorld,
  TopicProbe,
  topicSize,
  waitUntil,
} from '@pejling/testing';

const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'] as const;
const demo = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../demo', name), 'utf8'));

/**
 * The canary scan (issue 12): owners and recipients get canary email addresses and channel URLs
 * that really receive deliveries (SMTP server, HTTP receiver). A breach, an acknowledgement, a
 * failed delivery and a recovery run through the four built services. Then every message on every
 * public topic, every GET list and detail route of the four services answered to an operator and
 * a viewer, and the services' logs are scanned for the canaries and the acknowledgement token:
 * zero hits. The same canaries are found where they belong (the SMTP inbox, the receiver, the
 * internal owners topic, an admin's view), so the scan can see them.
 */
describe('secret scan: no channel URLs, addresses or ack tokens in public events, non-admin responses or logs (four processes)', () => {
  let world: TestWorld;
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  const processes: ServiceProcess[] = [];
  const urls = {} as Record<(typeof SERVICES)[number], string>;
  const canary = `cnry${randomBytes(6).toString('hex')}`;
  let hooks: string;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    hooks = await receiver.start();
    // The recipient's failing webhook dead-letters (a failed delivery); every other endpoint accepts.
    receiver.status = (request) => (request.path.includes('/failing-') ? 500 : 204);
    world = await createTestWorld({
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: 'scan-webhook-signing-secret',
      ACK_LINK_SECRET: 'scan-ack-link-secret-xxxx',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      ALERT_GROUP_WINDOW_MS: '1000',
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_BACKOFF_MS: '100',
      // As in production: request logs included, so the scan covers what pino-http writes.
      LOG_LEVEL: 'info',
    });
    processes.push(...(await Promise.all(SERVICES.map((name) => startServiceProcess(name, world.env)))));
    for (const service of processes) urls[service.name as (typeof SERVICES)[number]] = service.baseUrl;
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map((service) => service.stop()));
    await smtp.stop();
    await receiver.stop();
    await world?.cleanup();
  }, 60_000);

  it('finds the canaries only where they belong', async () => {
    const owner = {
      name: 'Sygedagpengeteamet (scan)',
      email: `owner.${canary}@canary.example`,
      webhookUrl: `${hooks}/owner-hook-${canary}`,
      teamsWebhookUrl: `${hooks}/teams-${canary}`,
      slackWebhookUrl: `${hooks}/slack-${canary}`,
    };
    const recipient = {
      name: 'Analyseteamet (scan)',
      email: `recipient.${canary}@canary.example`,
      webhookUrl: `${hooks}/failing-${canary}`,
      slackWebhookUrl: `${hooks}/recipient-slack-${canary}`,
    };
    const goalsAdmin = apiClient(urls.goals, await world.apiKey('admin'));
    const notificationsAdmin = apiClient(urls.notifications, await world.apiKey('admin'));
    const integrator = apiClient(urls.ingest, await world.apiKey('integrator'));
    const operatorKey = await world.apiKey('operator');
    const viewerKey = await world.apiKey('viewer');

    const createdOwner = await goalsAdmin.post('/v1/owners', owner);
    expect(createdOwner.status).toBe(201);
    const createdRecipient = await notificationsAdmin.post('/v1/recipients', recipient);
    expect(createdRecipient.status).toBe(201);
    expect(
      (
        await notificationsAdmin.post('/v1/routing-rules', {
          name: 'Frederiksberg to the analysts',
          municipality: '147',
          recipientIds: [createdRecipient.body.id],
        })
      ).status,
    ).toBe(201);
    expect((await integrator.post('/v1/figures', demo('history.json'))).status).toBe(201);
    const createdGoal = await goalsAdmin.post('/v1/goals', { ...demo('goal.json'), owner });
    expect(createdGoal.status).toBe(201);
    const goal = createdGoal.body;
    await waitUntil(
      async () => (await goalsAdmin.get(`/v1/goals/${goal.id}`)).body.statePeriod === '2021-06',
      60_000,
      'the history judged',
    );

    // Breach: every channel of the owner and the recipient gets it; the recipient's webhook fails for good.
    expect((await integrator.post('/v1/figures', demo('breach.json'))).status).toBe(201);
    const at = (fragment: string) => receiver.requests.filter((request) => request.path.includes(fragment));
    await waitUntil(
      () =>
        smtp.messages.length >= 2 &&
        at(`/owner-hook-${canary}`).length >= 1 &&
        at(`/teams-${canary}`).length >= 1 &&
        at(`/slack-${canary}`).length >= 1,
      60_000,
      'the breach on every channel',
    );
    await waitUntil(
      async () => (await notificationsAdmin.get('/v1/deliveries?status=dead')).body.length >= 1,
      60_000,
      'the failing webhook dead-lettered',
    );

    // Acknowledgement through the API; the one-click link's page is opened too (its token must not be logged).
    const breachMail = smtp.messages.find((mail) => JSON.stringify(mail).includes(`owner.${canary}`));
    const ackToken = /\/v1\/ack\/([A-Za-z0-9_.~%-]+)/.exec(breachMail?.text ?? '')?.[1];
    expect(ackToken).toBeDefined();
    expect((await fetch(`${urls.notifications}/v1/ack/${ackToken}`)).status).toBe(200);
    const operator = apiClient(urls.notifications, operatorKey);
    const [episode] = (await operator.get('/v1/episodes?status=open')).body;
    expect((await operator.post(`/v1/episodes/${episode.id}/acknowledge`, demo('acknowledge.json'))).status).toBe(200);
    const mailsBefore = smtp.messages.length;
    await waitUntil(() => smtp.messages.length > mailsBefore, 60_000, 'the acknowledgement notice');

    // Recovery.
    expect((await integrator.post('/v1/figures', demo('recovery.json'))).status).toBe(201);
    await waitUntil(() => smtp.messages.some((mail) => mail.subject?.startsWith('Mål opfyldt igen')), 60_000, 'the recovery notice');

    // Every message on every public topic, read from the broker.
    const publicTopics = Object.values(TOPICS).filter(isPublicTopic);
    const topicText: Record<string, string> = {};
    for (const topic of publicTopics) {
      const probe = await TopicProbe.start(topic, world.topicPrefix);
      const size = await topicSize(topic, world.topicPrefix);
      await waitUntil(() => probe.messages.length >= size, 30_000, `all ${size} messages of ${topic}`);
      topicText[topic] = JSON.stringify(probe.messages);
      await probe.stop();
    }
    expect(topicText[TOPICS.goalTransitions]).toContain('goal.breached');
    expect(topicText[TOPICS.goalTransitions]).toContain('goal.recovered');
    expect(topicText[TOPICS.notifications]).toContain('notification.delivery-failed');
    expect(topicText[TOPICS.notifications]).toContain('notification.episode-acknowledged');

    // Every GET route of the four services, from their OpenAPI documents (which equal their routers:
    // openapi.integration.spec.ts), as an operator and as a viewer. A path parameter is filled from
    // the resources made above; a route whose parameter is not known here fails the test, so a new
    // GET route cannot escape the scan.
    const ownerId = createdOwner.body.id;
    const recipientId = createdRecipient.body.id;
    const imports = (await apiClient(urls.ingest, viewerKey).get('/v1/imports')).body as { id: string }[];
    const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
    const parameters: Record<string, string> = {
      '/v1/owners/{id}': ownerId,
      '/v1/goals/{id}': goal.id,
      '/v1/goals/{goalId}': goal.id,
      '/v1/recipients/{id}': recipientId,
      '/v1/episodes/{id}': episode.id,
      '/v1/imports/{id}': imports[0]?.id ?? NO_SUCH_ID,
      // Resources this scenario does not make: their 404s are scanned too.
      '/v1/plans/{id}': 'no-such-plan',
      '/v1/plans/{id}/versions/{version}': '1',
      '/v1/routing-rules/{id}': NO_SUCH_ID,
      '/v1/silences/{id}': NO_SUCH_ID,
      '/v1/subscriptions/{id}': NO_SUCH_ID,
      '/v1/ack/{token}': 'not-a-token',
      // The public transparency routes (no plan here is public: their 404s are scanned).
      '/v1/public/municipalities/{code}': '147',
    };
    /** Query strings some list routes need (a municipality or series to list). */
    const queries: Record<string, string> = {
      '/v1/figures': '?municipality=147',
      '/v1/figures/revisions': '?municipality=147',
      '/v1/indicators': '?municipality=147',
      '/v1/indicators/series': '?municipality=147&indicator=share.sygedagpenge-mv',
      '/v1/quality-flags': '?status=all',
    };
    const notApi = /^\/(health|openapi\.json|docs|asyncapi\.yaml|schemas)(\/|$)/;
    const routes = {} as Record<(typeof SERVICES)[number], string[]>;
    for (const service of SERVICES) {
      const document = (await (await fetch(`${urls[service]}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      routes[service] = Object.entries(document.paths)
        .filter(([route, operations]) => 'get' in operations && !notApi.test(route))
        .map(
          ([route]) =>
            route.replace(/\{(\w+)\}/g, (placeholder) => {
              const prefix = route.slice(0, route.indexOf(placeholder) + placeholder.length);
              const value = parameters[prefix];
              if (value === undefined) throw new Error(`the scan has no value for ${placeholder} in GET ${service} ${route}: add one`);
              return value;
            }) + (queries[route] ?? ''),
        );
    }
    expect(routes.goals).toEqual(
      expect.arrayContaining(['/v1/owners', `/v1/owners/${ownerId}`, '/v1/goals', `/v1/goals/${goal.id}`, '/v1/board']),
    );
    expect(routes.notifications).toEqual(
      expect.arrayContaining(['/v1/deliveries', `/v1/episodes/${episode.id}`, `/v1/recipients/${recipientId}`, '/v1/silences']),
    );
    const responses: { where: string; body: string }[] = [];
    const readable: string[] = [];
    for (const [role, key] of [
      ['operator', operatorKey],
      ['viewer', viewerKey],
    ] as const) {
      for (const service of SERVICES) {
        const client = apiClient(urls[service], key);
        for (const route of routes[service]) {
          const response = await client.get(route);
          // Admin-only reads answer 403 to these roles; whatever the answer, its body is scanned.
          expect({ route, role, status: response.status < 500 }).toEqual({ route, role, status: true });
          if (response.status === 200) readable.push(`${role} ${service}${route}`);
          responses.push({
            where: `${role} GET ${service}${route}`,
            body: typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
          });
        }
      }
    }
    // The routes that show owners, recipients and deliveries were read, not refused.
    for (const route of [
      `goals/v1/owners/${ownerId}`,
      'goals/v1/goals',
      'notifications/v1/deliveries',
      `notifications/v1/recipients/${recipientId}`,
      `notifications/v1/episodes/${episode.id}`,
      `notifications/v1/goals/${goal.id}/history`,
    ]) {
      expect(readable).toContain(`viewer ${route}`);
      expect(readable).toContain(`operator ${route}`);
    }
    // Masked, not dropped: the last 4 characters are shown.
    expect(JSON.parse(responses.find((r) => r.where === `viewer GET goals/v1/owners/${ownerId}`)!.body)).toMatchObject({
      email: '…mple',
      slackWebhookUrl: `…${canary.slice(-4)}`,
    });

    // The scan.
    const secrets = [canary, ackToken as string];
    const hits: string[] = [];
    const scan = (where: string, text: string) =>
      secrets.forEach((secret) => {
        const at = text.indexOf(secret);
        // The hit with its surroundings, so a failure says where to look.
        if (at >= 0)
          hits.push(
            `${where} contains ${secret === canary ? 'the canary' : 'the ack token'}: …${text.slice(Math.max(0, at - 160), at + secret.length + 40).replaceAll(secret, '<SECRET>')}…`,
          );
      });
    for (const [topic, text] of Object.entries(topicText)) scan(`topic ${topic}`, text);
    for (const response of responses) scan(response.where, response.body);
    for (const service of processes) scan(`${service.name} log`, service.log());
    expect(hits).toEqual([]);

    // The scan can fail: the canaries are where they belong.
    expect(JSON.stringify(smtp.messages)).toContain(`owner.${canary}@canary.example`);
    expect(JSON.stringify(smtp.messages)).toContain(`recipient.${canary}@canary.example`);
    expect(at(`/failing-${canary}`).length).toBeGreaterThanOrEqual(2);
    const internal = await TopicProbe.start(TOPICS.ownersInternal, world.topicPrefix);
    await waitUntil(
      () => internal.messages.some((message) => message.value.includes(`slack-${canary}`)),
      30_000,
      'the owner contacts on the internal topic',
    );
    await internal.stop();
    expect(JSON.stringify((await goalsAdmin.get(`/v1/owners/${ownerId}`)).body)).toContain(`teams-${canary}`);
    expect(JSON.stringify((await notificationsAdmin.get('/v1/deliveries')).body)).toContain(canary);
    expect(processes.find((service) => service.name === 'notifications')!.log()).toContain('/v1/ack/[redacted]');
  }, 300_000);
});
