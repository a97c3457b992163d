import {
  apiClient,
  createTestWorld,
  goalTransitionEvent,
  produceGoalEvents,
  RunningService,
  startService,
  TestSmtpServer,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { Digests } from './digests/digests';
import { Reminders } from './episodes/reminders';
import { notificationsApp } from './notifications.app';

const DAY = 86_400_000;
const owners = (...addresses: string[]) =>
  addresses.map((address) => ({ name: address.split('@')[0], channels: [{ type: 'email' as const, target: address }] }));
const goalIdOf = (event: { payload: unknown }) => (event.payload as { goalId: string }).goalId;

/**
 * The admin sweeps "as of" another time (the demo's "a week later"): they send what would be due
 * then, now, and never move the live schedule to that time (real Kafka, PostgreSQL, Redis and SMTP).
 */
describe('notifications: sweeps as of another time', () => {
  let world: TestWorld;
  let service: RunningService;
  const smtp = new TestSmtpServer();
  let admin: ReturnType<typeof apiClient>;
  let operator: ReturnType<typeof apiClient>;
  let reminders: Reminders;
  const to = (address: string) => smtp.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address);

  beforeAll(async () => {
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      WEBHOOK_SIGNING_SECRET: 'as-of-signing-secret',
      ACK_LINK_SECRET: 'as-of-ack-link-secret',
      ALERT_GROUP_WINDOW_MS: '200',
      REMINDER_SWEEP_EVERY_MS: '0',
      DIGEST_SWEEP_EVERY_MS: '0',
    });
    service = await startService(notificationsApp, world.env);
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    operator = apiClient(service.baseUrl, await world.apiKey('operator'));
    reminders = service.nest.get(Reminders);
  });

  afterAll(async () => {
    await service?.close();
    await smtp.stop();
    await world?.cleanup();
  });

  async function breach(address: string) {
    const event = goalTransitionEvent({ owners: owners(address) });
    await produceGoalEvents(world.topicPrefix, [event]);
    await waitUntil(() => to(address).length >= 1, 20_000, `breach email to ${address}`);
    const [episode] = (await admin.get(`/v1/episodes?goalId=${goalIdOf(event)}`)).body;
    return { event, episode };
  }

  it('sends a week-later reminder now, schedules the next from now, and the live sweep still sends the one after', async () => {
    const { episode } = await breach('yrsa@frederiksberg.example');
    const openedAt = new Date(episode.openedAt);
    const weekLater = new Date(openedAt.getTime() + 8 * DAY).toISOString();
    const before = Date.now();
    expect((await admin.post('/v1/admin/reminders/sweep', { now: weekLater })).body).toEqual({ reminded: 1, silenced: 0 });
    const after = Date.now();
    await waitUntil(() => to('yrsa@frederiksberg.example').length === 2, 10_000, 'the reminder');
    expect(to('yrsa@frederiksberg.example')[1].subject).toMatch(/^Påmindelse 1: /);

    const swept = (await admin.get(`/v1/episodes/${episode.id}`)).body;
    expect(swept.remindersSent).toBe(1);
    // The next reminder an interval after the real send, not after the as-of time (which would be 15 days on).
    const next = new Date(swept.nextReminderAt).getTime();
    expect(next).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(next).toBeLessThanOrEqual(after + 7 * DAY);
    const reminder = swept.history.find((entry: { type: string }) => entry.type === 'reminder');
    expect(new Date(reminder.at).getTime()).toBeLessThanOrEqual(after); // recorded when it was sent, not in the future
    expect(reminder.details).toMatchObject({ number: 1, asOf: weekLater });

    // Live sweeps on the real clock: nothing due right now (just reminded), the second reminder a week on.
    expect(await reminders.sweep(new Date())).toEqual({ reminded: 0, silenced: 0 });
    expect(await reminders.sweep(new Date(after + 7 * DAY + 60_000))).toEqual({ reminded: 1, silenced: 0 });
    await waitUntil(() => to('yrsa@frederiksberg.example').length === 3, 10_000, 'the second reminder');
    expect(to('yrsa@frederiksberg.example')[2].subject).toMatch(/^Påmindelse 2: /);
  });

  it('leaves a reminder that is silenced now and due only by the as-of time where it was', async () => {
    const { event, episode } = await breach('zenia@frederiksberg.example');
    const silenceEnd = new Date(Date.now() + DAY);
    const local = silenceEnd.toLocaleString('sv-SE', { timeZone: 'Europe/Copenhagen' }).slice(0, 16).replace(' ', 'T');
    expect(
      (await operator.post('/v1/silences', { matchers: { goalId: goalIdOf(event) }, endsAt: local, reason: 'Tallene gennemgås' })).status,
    ).toBe(201);
    const openedAt = new Date(episode.openedAt);
    const dueAt = (await admin.get(`/v1/episodes/${episode.id}`)).body.nextReminderAt;
    expect((await admin.post('/v1/admin/reminders/sweep', { now: new Date(openedAt.getTime() + 8 * DAY).toISOString() })).body).toEqual({
      reminded: 0,
      silenced: 1,
    });
    // Not sent during the silence, and not pulled forward to the silence's end either.
    const left = (await admin.get(`/v1/episodes/${episode.id}`)).body;
    expect(left).toMatchObject({ remindersSent: 0, nextReminderAt: dueAt });
    expect(left.history.map((entry: { type: string }) => entry.type)).toEqual(['opened']);
    expect(await reminders.sweep(new Date(openedAt.getTime() + 7 * DAY + 1000))).toEqual({ reminded: 1, silenced: 0 });
    await waitUntil(() => to('zenia@frederiksberg.example').length === 2, 10_000, 'the reminder when it was due');
  });

  it("sends an as-of digest as a copy: the slot's own digest still goes out when the slot comes", async () => {
    expect(
      (await admin.post('/v1/recipients', { name: 'Ugeanalytiker', email: 'digest@frederiksberg.example', digest: 'daily', digestHour: 8 }))
        .status,
    ).toBe(201);
    const tomorrowMorning = new Date(`${new Date(Date.now() + DAY).toISOString().slice(0, 10)}T08:30:00Z`); // 09:30 or 10:30 in Copenhagen
    expect((await admin.post('/v1/admin/digests/sweep', { now: tomorrowMorning.toISOString() })).body).toEqual({ queued: 1 });
    expect((await admin.post('/v1/admin/digests/sweep', { now: tomorrowMorning.toISOString() })).body).toEqual({ queued: 0 }); // one copy per slot
    await waitUntil(() => to('digest@frederiksberg.example').length === 1, 10_000, 'the as-of digest');
    // Tomorrow morning, on the real clock: the slot's own digest.
    expect(await service.nest.get(Digests).sweep(tomorrowMorning)).toBe(1);
    expect(await service.nest.get(Digests).sweep(new Date(tomorrowMorning.getTime() + 3_600_000))).toBe(0);
    await waitUntil(() => to('digest@frederiksberg.example').length === 2, 10_000, "the slot's own digest");
  });
});
