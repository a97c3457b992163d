import { TOPICS } from '@pejling/contracts';
import { zonedLocalToUtc } from '@pejling/domain-alerting';
import {
  apiClient,
  createTestWorld,
  goalCorrectedEvent,
  goalTransitionEvent,
  IDLE,
  produceGoalEvents,
  RunningService,
  startService,
  TestSmtpServer,
  TestWorld,
  TopicProbe,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';
import { Digests } from './digests/digests';
import { Reminders } from './episodes/reminders';
import { notificationsApp } from './notifications.app';

const DAY = 86_400_000;
// One owner per address (its id derives from the name): the owners topic and the transitions topic are not
// ordered with each other, so reusing an id for another person would race the contact change against the alert.
const owners = (...addresses: string[]) =>
  addresses.map((address) => ({
    name: address.split('@')[0],
    channels: [{ type: 'email' as const, target: address }],
  }));
const goalIdOf = (event: { payload: unknown }) => (event.payload as { goalId: string }).goalId;

/** Episodes: reminders on a controllable clock, acknowledgements (API and signed link), silences, recovery, digests, history. */
describe('notifications: episodes (real Kafka, PostgreSQL, Redis/Bull and SMTP)', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  let operator: ReturnType<typeof apiClient>;
  let admin: ReturnType<typeof apiClient>;
  let reminders: Reminders;
  let notificationsTopic: TopicProbe;
  const to = (address: string) => smtp.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address);

  beforeAll(async () => {
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      WEBHOOK_SIGNING_SECRET: 'episodes-signing-secret',
      ACK_LINK_SECRET: 'episodes-ack-link-secret',
      ALERT_GROUP_WINDOW_MS: '200',
      REMINDER_SWEEP_EVERY_MS: '0',
      DIGEST_SWEEP_EVERY_MS: '0',
    });
    notificationsTopic = await TopicProbe.start(TOPICS.notifications, world.topicPrefix);
    service = await startService(notificationsApp, world.env);
    operator = apiClient(service.baseUrl, await world.apiKey('operator'));
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    reminders = service.nest.get(Reminders);
  });

  afterAll(async () => {
    await notificationsTopic?.stop();
    await service?.close();
    await smtp.stop();
    await world?.cleanup();
  });

  async function breach(...addresses: string[]) {
    const event = goalTransitionEvent({ owners: owners(...addresses) });
    await produceGoalEvents(world.topicPrefix, [event]);
    await waitUntil(() => addresses.every((address) => to(address).length >= 1), 20_000, `breach email to ${addresses.join(', ')}`);
    const [episode] = (await operator.get(`/v1/episodes?goalId=${goalIdOf(event)}`)).body;
    return { event, episode };
  }

  it('delivers a correction to whoever got the alert it corrects, and closes the episode the correction no longer supports', async () => {
    const { event, episode } = await breach('erik@frederiksberg.example', 'frida@frederiksberg.example');
    // A late peer figure: July is met after all, and so is the goal as of its latest period.
    const met = {
      da: 'Andelen på Sygedagpenge mv. var 1,7 % i juli 2021: 0,1 pct.-point under målet. Målet er opfyldt.',
      en: 'The share of people on sickness benefit etc. was 1.7 % in July 2021: 0.1 percentage points below the target. The goal is met.',
    };
    await produceGoalEvents(world.topicPrefix, [
      goalCorrectedEvent(event, { state: 'met', value: 1.7, explanation: met }, { period: '2021-07', state: 'met' }),
    ]);
    await waitUntil(
      () => to('erik@frederiksberg.example').length === 2 && to('frida@frederiksberg.example').length === 2,
      20_000,
      'the correction to both',
    );
    const correction = to('erik@frederiksberg.example')[1];
    expect(correction.subject).toMatch(/^Rettelse: .* \(Frederiksberg, 2021-07\)$/);
    expect(correction.text).toContain(
      'Vi meldte tidligere, at målet var brudt i juli 2021. Det er rettet, fordi tallene er kommet eller ændret: Andelen på Sygedagpenge mv. var 1,7 %',
    );
    expect(correction.text).toContain('Målet er nu opfyldt (juli 2021).');
    const closed = (await operator.get(`/v1/episodes/${episode.id}`)).body;
    expect(closed).toMatchObject({ status: 'resolved', resolution: 'corrected' });
    expect(closed.history.map((entry: { type: string }) => entry.type)).toEqual(['opened', 'corrected']);
    const history = (await operator.get(`/v1/goals/${goalIdOf(event)}/history`)).body;
    expect(history.alerts.map((alert: { outcome: string }) => alert.outcome)).toEqual(['opened', 'corrected']);
  });

  it('keeps one episode per breach: a second breach for the goal alerts nobody, and reminders go out at the interval until acknowledged', async () => {
    const { event, episode } = await breach('anna@frederiksberg.example', 'bo@frederiksberg.example');
    expect(episode).toMatchObject({ status: 'open', kind: 'breach', remindersSent: 0 });
    const again = goalTransitionEvent({
      goalId: goalIdOf(event),
      owners: owners('anna@frederiksberg.example', 'bo@frederiksberg.example'),
      period: '2021-08',
      value: 1.95,
    });
    await produceGoalEvents(world.topicPrefix, [again]);
    await waitUntil(
      async () => (await operator.get(`/v1/goals/${goalIdOf(event)}/history`)).body.alerts.length === 2,
      10_000,
      'the second alert recorded',
    );
    await waitUntilIdle(world, IDLE.notifications);
    expect(to('anna@frederiksberg.example')).toHaveLength(1);

    const openedAt = new Date(episode.openedAt);
    expect(await reminders.sweep(new Date(openedAt.getTime() + 6 * DAY))).toEqual({ reminded: 0, silenced: 0 });
    expect(await reminders.sweep(new Date(openedAt.getTime() + 7 * DAY + 1000))).toEqual({ reminded: 1, silenced: 0 });
    expect(await reminders.sweep(new Date(openedAt.getTime() + 7 * DAY + 2000))).toEqual({ reminded: 0, silenced: 0 }); // not twice
    await waitUntil(
      () => to('anna@frederiksberg.example').length === 2 && to('bo@frederiksberg.example').length === 2,
      10_000,
      'first reminders',
    );
    const reminder = to('anna@frederiksberg.example')[1];
    expect(reminder.subject).toMatch(/^Påmindelse 1: målet er stadig brudt: /);
    // The reminder carries the newest figures (August), not those that opened the episode.
    expect(reminder.text).toContain('Periode: august 2021');
    expect(reminder.text).toContain('Værdi: 1,95 %');

    const acknowledged = await operator.post(`/v1/episodes/${episode.id}/acknowledge`, {
      note: 'Ekstra opfølgning på sager over 8 uger; status på udvalgsmødet 12/9',
      by: 'Mette Hansen',
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      status: 'acknowledged',
      acknowledgement: { by: 'Mette Hansen', via: 'api' },
      nextReminderAt: null,
    });
    await waitUntil(
      () => to('anna@frederiksberg.example').length === 3 && to('bo@frederiksberg.example').length === 3,
      10_000,
      'acknowledgement notices',
    );
    expect(to('bo@frederiksberg.example')[2].subject).toMatch(/^Kvitteret: /);
    expect(to('bo@frederiksberg.example')[2].text).toContain('Kvitteret af Mette Hansen');
    expect(to('bo@frederiksberg.example')[2].text).toContain('“Ekstra opfølgning på sager over 8 uger; status på udvalgsmødet 12/9”');
    expect(await reminders.sweep(new Date(openedAt.getTime() + 30 * DAY))).toEqual({ reminded: 0, silenced: 0 });
    expect((await operator.post(`/v1/episodes/${episode.id}/acknowledge`, { note: 'igen' })).status).toBe(409);
    expect((await operator.post(`/v1/episodes/${episode.id}/acknowledge`, { note: '' })).body.errors).toEqual([
      { field: 'note', reason: 'must say what is being done (at least 3 characters)' },
    ]);
    const [ackEvent] = await notificationsTopic.waitFor((messages) =>
      messages.some((m) => m.event?.type === 'notification.episode-acknowledged'),
    );
    // The public event does not name who acknowledged (an API acknowledgement has no recipient key); the history does.
    expect(ackEvent.event).toMatchObject({ version: 2, payload: { episodeId: episode.id, recipient: null, via: 'api' } });
    expect(JSON.stringify(ackEvent.event)).not.toContain('Mette Hansen');

    // The goal's history keeps the acknowledgement and its note, for the committee.
    const history = (await operator.get(`/v1/goals/${goalIdOf(event)}/history`)).body;
    expect(history.alerts.map((alert: { outcome: string }) => alert.outcome)).toEqual(['opened', 'repeat']);
    expect(history.episodes[0].history.map((entry: { type: string }) => entry.type)).toEqual([
      'opened',
      'repeated',
      'reminder',
      'acknowledged',
    ]);
    expect(history.episodes[0].history[3]).toMatchObject({
      actor: 'Mette Hansen',
      note: 'Ekstra opfølgning på sager over 8 uger; status på udvalgsmødet 12/9',
    });

    // Recovery closes the episode with a notice to the same recipients.
    const recovered = goalTransitionEvent({
      type: 'goal.recovered',
      goalId: goalIdOf(event),
      owners: owners('anna@frederiksberg.example', 'bo@frederiksberg.example'),
      period: '2021-09',
    });
    await produceGoalEvents(world.topicPrefix, [recovered]);
    await waitUntil(
      () => to('anna@frederiksberg.example').length === 4 && to('bo@frederiksberg.example').length === 4,
      10_000,
      'recovery notices',
    );
    expect(to('anna@frederiksberg.example')[3].subject).toMatch(/^Mål opfyldt igen: /);
    expect(to('anna@frederiksberg.example')[3].text).toContain('Kvitteret af Mette Hansen');
    expect((await operator.get(`/v1/episodes/${episode.id}`)).body).toMatchObject({ status: 'resolved', resolution: 'recovered' });
  });

  it('acknowledges through the signed link in the email: GET only shows a form, POST acknowledges and tells the others', async () => {
    const { episode } = await breach('carl@frederiksberg.example', 'dina@frederiksberg.example');
    const link = /(http:\/\/127\.0\.0\.1:3004\/v1\/ack\/\S+)/.exec(to('carl@frederiksberg.example')[0].text ?? '')![1];
    const local = link.replace('http://127.0.0.1:3004', service.baseUrl);
    const page = await fetch(local);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('value="carl"');
    expect((await operator.get(`/v1/episodes/${episode.id}`)).body.status).toBe('open'); // a prefetching scanner changes nothing
    const tampered = await fetch(
      local.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'note=x' },
    );
    expect(tampered.status).toBe(403);
    const posted = await fetch(local, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ by: 'Carl Berg', note: 'Vi gennemgår sagerne i uge 38' }).toString(),
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Tak – kvitteret');
    expect((await operator.get(`/v1/episodes/${episode.id}`)).body).toMatchObject({
      status: 'acknowledged',
      acknowledgement: { by: 'Carl Berg', note: 'Vi gennemgår sagerne i uge 38', via: 'link' },
    });
    await waitUntil(() => to('dina@frederiksberg.example').length === 2, 10_000, 'the acknowledgement notice to the other owner');
    await waitUntilIdle(world, IDLE.notifications);
    expect(to('carl@frederiksberg.example')).toHaveLength(1); // the one who acknowledged is not told of it
    expect(await (await fetch(local)).text()).toContain('Allerede kvitteret af Carl Berg');
  });

  it('records a silenced breach without delivering it, and reminds when the silence (set in local Copenhagen time) ends', async () => {
    const event = goalTransitionEvent({ owners: owners('eva@frederiksberg.example') });
    const now = new Date();
    const localEnd = new Date(now.getTime() + 3 * DAY).toISOString().slice(0, 10);
    const silence = await operator.post('/v1/silences', {
      matchers: { goalId: goalIdOf(event) },
      endsAt: `${localEnd}T08:00`,
      reason: 'Ny opgørelsesmetode; tallene gennemgås',
      author: 'Analyseenheden',
    });
    expect(silence.status).toBe(201);
    expect(silence.body).toMatchObject({ goalId: goalIdOf(event), timeZone: 'Europe/Copenhagen', author: 'Analyseenheden' });
    const endsAt = new Date(silence.body.endsAt);
    // 08:00 in Copenhagen is 07:00 UTC in winter and 06:00 UTC in summer.
    expect(endsAt).toEqual(zonedLocalToUtc(`${localEnd}T08:00`, 'Europe/Copenhagen'));
    expect([6, 7]).toContain(endsAt.getUTCHours());
    expect(
      (await operator.post('/v1/silences', { matchers: {}, endsAt: '2030-01-01T00:00', reason: 'x' })).body.errors
        .map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['matchers', 'reason']);

    await produceGoalEvents(world.topicPrefix, [event]);
    await waitUntil(
      async () => (await operator.get(`/v1/goals/${goalIdOf(event)}/history`)).body.alerts.length === 1,
      10_000,
      'the silenced alert recorded',
    );
    await waitUntilIdle(world, IDLE.notifications);
    expect(to('eva@frederiksberg.example')).toHaveLength(0);
    const history = (await operator.get(`/v1/goals/${goalIdOf(event)}/history`)).body;
    expect(history.alerts[0]).toMatchObject({ outcome: 'silenced', outcomeDetail: expect.stringContaining(silence.body.id) });
    expect(history.episodes[0]).toMatchObject({ status: 'open', nextReminderAt: endsAt.toISOString() });

    expect(await reminders.sweep(new Date(endsAt.getTime() - 60_000))).toMatchObject({ reminded: 0 });
    expect(await reminders.sweep(new Date(endsAt.getTime() + 60_000))).toMatchObject({ reminded: 1 });
    await waitUntil(() => to('eva@frederiksberg.example').length === 1, 10_000, 'the reminder after the silence');
    expect(to('eva@frederiksberg.example')[0].subject).toMatch(/^Påmindelse 1: målet er stadig brudt/);
    expect((await operator.get('/v1/silences?state=active')).body.map((s: { id: string }) => s.id)).toContain(silence.body.id);
    expect((await operator.delete(`/v1/silences/${silence.body.id}`)).status).toBe(204);
    expect((await operator.get('/v1/silences?state=expired')).body.map((s: { id: string }) => s.id)).toContain(silence.body.id);
  });

  it('records historical transitions (a backfill) without delivering them, and ignores a recovery with nothing open', async () => {
    const old = goalTransitionEvent({ owners: owners('frede@frederiksberg.example'), period: '2014-03', historical: true });
    const recovery = goalTransitionEvent({ type: 'goal.recovered', owners: owners('frede@frederiksberg.example') });
    await produceGoalEvents(world.topicPrefix, [old, recovery]);
    await waitUntil(
      async () => (await operator.get(`/v1/goals/${goalIdOf(recovery)}/history`)).body.alerts.length === 1,
      10_000,
      'both recorded',
    );
    await waitUntilIdle(world, IDLE.notifications);
    expect(to('frede@frederiksberg.example')).toHaveLength(0);
    expect((await operator.get(`/v1/goals/${goalIdOf(old)}/history`)).body.alerts[0]).toMatchObject({
      outcome: 'historical',
      historical: true,
      period: '2014-03',
    });
    expect((await operator.get(`/v1/goals/${goalIdOf(old)}/history`)).body.episodes).toEqual([]);
    expect((await operator.get(`/v1/goals/${goalIdOf(recovery)}/history`)).body.alerts[0]).toMatchObject({
      outcome: 'ignored',
      outcomeDetail: 'no open episode to recover',
    });
  });

  it('tells owners about stale data once, without an episode', async () => {
    const stale = goalTransitionEvent({ type: 'goal.stale', owners: owners('gry@frederiksberg.example') });
    await produceGoalEvents(world.topicPrefix, [stale]);
    await waitUntil(() => to('gry@frederiksberg.example').length === 1, 10_000, 'the stale-data notice');
    expect(to('gry@frederiksberg.example')[0].subject).toMatch(/^Forældede data: /);
    expect((await operator.get(`/v1/goals/${goalIdOf(stale)}/history`)).body).toMatchObject({
      alerts: [{ outcome: 'notice' }],
      episodes: [],
    });
  });

  it('sends a daily digest of open episodes to a recipient who asked for one, once per local day', async () => {
    const analyst = (
      await admin.post('/v1/recipients', {
        name: 'Analytiker',
        email: 'analyse@frederiksberg.example',
        digest: 'daily',
        digestHour: 8,
        language: 'en',
      })
    ).body;
    expect(
      (
        await admin.post('/v1/routing-rules', {
          name: 'Frederiksberg to the analyst',
          municipality: '147',
          kinds: ['breach'],
          recipientIds: [analyst.id],
        })
      ).status,
    ).toBe(201);
    const event = goalTransitionEvent({ owners: owners('hans@frederiksberg.example') });
    await produceGoalEvents(world.topicPrefix, [event]);
    await waitUntil(() => to('analyse@frederiksberg.example').length === 1, 10_000, 'the routed breach');
    const digests = service.nest.get(Digests);
    const tomorrow = new Date(Date.now() + DAY);
    const morning = new Date(`${tomorrow.toISOString().slice(0, 10)}T08:30:00Z`); // 09:30 or 10:30 in Copenhagen
    expect(await digests.sweep(new Date(`${tomorrow.toISOString().slice(0, 10)}T05:30:00Z`))).toBe(0); // before 08:00 local
    expect(await digests.sweep(morning)).toBe(1);
    expect(await digests.sweep(new Date(morning.getTime() + 3600_000))).toBe(0);
    await waitUntil(() => to('analyse@frederiksberg.example').length === 2, 10_000, 'the digest');
    const digest = to('analyse@frederiksberg.example')[1];
    expect(digest.subject).toMatch(/^Pejling digest: 1 open issue, \d+ changes?$/);
    expect(digest.text).toContain('OPEN: GOAL BREACHED: Mål E: Sygedagpengeområdet');
    expect(digest.text).toContain('Open since');
  });
  it('shows an acknowledgement note publicly only when its author marked it public: the note, its goal and when, never who', async () => {
    const first = await breach('pia@frederiksberg.example');
    const second = await breach('per@frederiksberg.example');
    const publicNote = 'Flere virksomhedsrettede forløb fra oktober; status til udvalget i november.';
    const privateNote = 'Ringer til de tre sager, vi talte om på mødet.';
    expect((await operator.post(`/v1/episodes/${second.episode.id}/acknowledge`, { note: 'x', public: 'yes' })).body.errors).toEqual(
      expect.arrayContaining([{ field: 'public', reason: 'must be true or false' }]),
    );
    const shown = await operator.post(`/v1/episodes/${first.episode.id}/acknowledge`, {
      note: publicNote,
      by: 'Pia Pedersen',
      public: true,
    });
    expect(shown.body).toMatchObject({ acknowledgement: { note: publicNote, public: true } });
    expect(
      (await operator.post(`/v1/episodes/${second.episode.id}/acknowledge`, { note: privateNote, by: 'Per Persen' })).body,
    ).toMatchObject({ acknowledgement: { public: false } });

    const response = await fetch(`${service.baseUrl}/v1/public/municipalities/147/notes`);
    expect(response.status).toBe(200);
    const text = await response.text();
    // Earlier tests acknowledged by API and by the signed link without the flag: none of those is listed.
    expect(JSON.parse(text)).toEqual([{ goalId: goalIdOf(first.event), note: publicNote, acknowledgedAt: expect.any(String) }]);
    for (const secret of ['Pia Pedersen', 'pia@', privateNote, 'Per Persen', 'by', 'recipient', 'via'])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    expect(await (await fetch(`${service.baseUrl}/v1/public/municipalities/101/notes`)).json()).toEqual([]);
    expect((await fetch(`${service.baseUrl}/v1/public/municipalities/x/notes`)).status).toBe(400);
    // Only reads are open: the episodes themselves still need a principal.
    expect((await fetch(`${service.baseUrl}/v1/episodes`)).status).toBe(401);
  });
});
