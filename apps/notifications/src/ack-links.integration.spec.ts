import { createHmac } from 'node:crypto';
import {
  apiClient,
  createTestWorld,
  goalTransitionEvent,
  IDLE,
  produceGoalEvents,
  RunningService,
  startService,
  TestSmtpServer,
  TestWorld,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';
import { Reminders } from './episodes/reminders';
import { notificationsApp } from './notifications.app';

const DAY = 86_400_000;
const ACK_LINK_SECRET = 'ack-links-ack-link-secret';
const owners = (...addresses: string[]) =>
  addresses.map((address) => ({ name: address.split('@')[0], channels: [{ type: 'email' as const, target: address }] }));
const goalIdOf = (event: { payload: unknown }) => (event.payload as { goalId: string }).goalId;
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Signed acknowledgement links: single use once the episode is acknowledged, revocable by an admin (real Kafka, PostgreSQL, Redis and SMTP). */
describe('notifications: acknowledgement links', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  let operator: ReturnType<typeof apiClient>;
  let admin: ReturnType<typeof apiClient>;
  const to = (address: string) => smtp.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address);
  /** The acknowledgement link of a recipient's n-th email, pointed at the test's service. */
  const linkIn = (address: string, index: number) => {
    const found = /(http:\/\/127\.0\.0\.1:3004\/v1\/ack\/\S+)/.exec(to(address)[index]?.text ?? '');
    if (!found) throw new Error(`no acknowledgement link in email ${index} to ${address}`);
    return found[1].replace('http://127.0.0.1:3004', service.baseUrl);
  };
  const page = async (url: string, init?: RequestInit) => {
    const response = await fetch(url, init);
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      WEBHOOK_SIGNING_SECRET: 'ack-links-signing-secret',
      ACK_LINK_SECRET,
      ALERT_GROUP_WINDOW_MS: '200',
      REMINDER_SWEEP_EVERY_MS: '0',
      DIGEST_SWEEP_EVERY_MS: '0',
    });
    service = await startService(notificationsApp, world.env);
    operator = apiClient(service.baseUrl, await world.apiKey('operator'));
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
  });

  afterAll(async () => {
    await service?.close();
    await smtp.stop();
    await world?.cleanup();
  });

  async function breach(...addresses: string[]) {
    const event = goalTransitionEvent({ owners: owners(...addresses) });
    await produceGoalEvents(world.topicPrefix, [event]);
    await waitUntil(() => addresses.every((address) => to(address).length >= 1), 20_000, `breach email to ${addresses.join(', ')}`);
    const [episode] = (await admin.get(`/v1/episodes?goalId=${goalIdOf(event)}`)).body;
    return { event, episode };
  }

  it('does not acknowledge twice: after the first, the page says who did, and a second POST is refused and changes nothing', async () => {
    const { episode } = await breach('ulla@frederiksberg.example', 'vera@frederiksberg.example');
    const link = linkIn('ulla@frederiksberg.example', 0);
    expect((await page(link, form({ by: 'Ulla Holm', note: 'Vi ringer til sagerne i denne uge' }))).status).toBe(200);
    await waitUntil(() => to('vera@frederiksberg.example').length === 2, 10_000, 'the acknowledgement notice to the other owner');
    await waitUntilIdle(world, IDLE.notifications);
    const before = (await admin.get(`/v1/episodes/${episode.id}`)).body;
    expect(before).toMatchObject({
      status: 'acknowledged',
      acknowledgement: { by: 'Ulla Holm', note: 'Vi ringer til sagerne i denne uge' },
    });

    const again = await page(link, form({ by: 'Someone Else', note: 'En anden note, der ikke må gemmes' }));
    expect(again.status).toBe(409);
    expect(again.text).toContain('Allerede kvitteret af Ulla Holm: “Vi ringer til sagerne i denne uge”');
    expect(again.text).toContain('Nothing was changed.');
    // The other owner's link is refused the same way, and the page after says who acknowledged.
    const other = linkIn('vera@frederiksberg.example', 0);
    expect((await page(other, form({ note: 'Også mig' }))).status).toBe(409);
    const shown = await page(link);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Allerede kvitteret af Ulla Holm');
    expect(shown.text).not.toContain('<form');

    await waitUntilIdle(world, IDLE.notifications);
    expect((await admin.get(`/v1/episodes/${episode.id}`)).body).toEqual(before);
    expect(to('vera@frederiksberg.example')).toHaveLength(2);
    expect(to('ulla@frederiksberg.example')).toHaveLength(1);
  });

  it('refuses the links an admin revoked (GET and POST, one recipient or all) while links made afterwards work', async () => {
    const { episode } = await breach('wilma@frederiksberg.example', 'xenia@frederiksberg.example');
    const wilma = linkIn('wilma@frederiksberg.example', 0);
    const xenia = linkIn('xenia@frederiksberg.example', 0);
    const wilmaKey = episode.recipients.find((recipient: { name: string }) => recipient.name === 'wilma').key;
    // A link as they were made before links carried their issue time (no `i`): every revocation covers it.
    const claims = { e: episode.id, r: wilmaKey, n: 'wilma', x: Math.floor(Date.now() / 1000) + DAY / 1000 };
    const oldBody = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const oldLink = `${service.baseUrl}/v1/ack/${oldBody}.${createHmac('sha256', ACK_LINK_SECRET).update(`pejling-ack.${oldBody}`).digest('base64url')}`;
    expect((await page(oldLink)).text).toContain('<form method="post">');

    const path = `/v1/episodes/${episode.id}/ack-links/revoke`;
    expect((await operator.post(path, {})).status).toBe(403);
    expect((await admin.post(path, { recipientKey: 'owner:nobody' })).body.errors).toEqual([
      { field: 'recipientKey', reason: expect.stringContaining("is not one of the episode's recipients") },
    ]);
    expect((await admin.post(`/v1/episodes/${crypto.randomUUID()}/ack-links/revoke`, {})).status).toBe(404);

    // One recipient's links: the mail to Wilma was forwarded to the wrong person.
    const one = await admin.post(path, { recipientKey: wilmaKey, reason: 'Videresendt til en forkert modtager' });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      episodeId: episode.id,
      recipientKey: wilmaKey,
      revokedAt: expect.any(String),
      revokedBy: 'test-admin',
      reason: 'Videresendt til en forkert modtager',
    });
    for (const link of [wilma, oldLink]) {
      const shown = await page(link);
      expect(shown.status).toBe(403);
      expect(shown.text).toContain('Linket er tilbagekaldt');
      expect(shown.text).toContain('The link has been revoked');
      expect(shown.text).not.toContain('<form');
    }
    const posted = await page(wilma, form({ by: 'Forkert Person', note: 'Jeg kvitterer for en andens sag' }));
    expect(posted.status).toBe(403);
    expect(posted.text).toContain('Linket er tilbagekaldt');
    expect((await page(xenia)).text).toContain('<form method="post">'); // the other recipient's link still works

    // Every recipient's links.
    expect((await admin.post(path, {})).body).toMatchObject({ recipientKey: null });
    expect((await page(xenia)).status).toBe(403);
    expect((await page(xenia, form({ note: 'Nu er det for sent' }))).status).toBe(403);
    expect((await admin.get(`/v1/episodes/${episode.id}`)).body).toMatchObject({ status: 'open', acknowledgement: null });

    // A reminder made after the revocation carries new links, and they work.
    const reminders = service.nest.get(Reminders);
    expect(await reminders.sweep(new Date(new Date(episode.openedAt).getTime() + 7 * DAY + 1000))).toEqual({ reminded: 1, silenced: 0 });
    await waitUntil(() => to('wilma@frederiksberg.example').length === 2, 10_000, 'the reminder with a new link');
    const fresh = linkIn('wilma@frederiksberg.example', 1);
    expect(fresh).not.toBe(wilma);
    expect((await page(fresh)).text).toContain('<form method="post">');
    expect((await page(fresh, form({ by: 'Wilma', note: 'Nu med det rigtige link' }))).status).toBe(200);
    const after = (await admin.get(`/v1/episodes/${episode.id}`)).body;
    expect(after).toMatchObject({ status: 'acknowledged', acknowledgement: { by: 'Wilma', via: 'link' } });
    expect(after.history.map((entry: { type: string }) => entry.type)).toEqual([
      'opened',
      'ack-links-revoked',
      'ack-links-revoked',
      'reminder',
      'acknowledged',
    ]);
    expect(after.history[1]).toMatchObject({
      actor: 'test-admin',
      note: 'Videresendt til en forkert modtager',
      details: { recipient: wilmaKey },
    });
  });
});

/** The public routes' rate limit, per client address (its own world: a low limit). */
describe('notifications: rate limit of the acknowledgement links and public notes', () => {
  const LIMIT = 4;
  let world: TestWorld;
  let service: RunningService;

  beforeAll(async () => {
    world = await createTestWorld({
      WEBHOOK_SIGNING_SECRET: 'ack-limit-signing-secret',
      ACK_LINK_SECRET: 'ack-limit-ack-link-secret',
      SMTP_URL: 'smtp://127.0.0.1:1',
      PUBLIC_API_RATE_LIMIT_PER_MINUTE: String(LIMIT),
    });
    service = await startService(notificationsApp, world.env);
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  it('answers 429 with Retry-After after the limit: a bilingual page on the links, JSON on the public notes; the API is not limited', async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await fetch(`${service.baseUrl}/v1/ack/not-a-token`)).status).toBe(403);
    for (const init of [undefined, form({ note: 'for mange' })]) {
      const limited = await fetch(`${service.baseUrl}/v1/ack/not-a-token`, init);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const text = await limited.text();
      expect(text).toContain(`Prøv igen om ${retryAfter} sekunder`);
      expect(text).toContain(`Try again in ${retryAfter} seconds`);
    }
    // The public notes share the count of the address.
    const notes = await fetch(`${service.baseUrl}/v1/public/municipalities/147/notes`);
    expect(notes.status).toBe(429);
    expect(Number(notes.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await notes.json()).toMatchObject({ statusCode: 429, message: expect.stringContaining('Too many requests from your address') });
    expect((await apiClient(service.baseUrl, await world.apiKey('viewer')).get('/v1/episodes')).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
  });
});
