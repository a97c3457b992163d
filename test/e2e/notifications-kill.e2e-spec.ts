import { Client } from 'pg';
import {
  createTestWorld,
  goalTransitionEvent,
  IDLE,
  produceGoalEvents,
  ServiceProcess,
  startServiceProcess,
  TestSmtpServer,
  TestWorld,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';

const ALERTS = 100;

/**
 * At-least-once from Kafka, exactly-once to the human: a notifications process is SIGKILLed while
 * it is sending a burst of 100 breach alerts (each to its own recipient), then two instances are
 * started in the same consumer group. Every recipient gets their alert, as one message: the same
 * Message-ID however it went. A physical copy can only come from a send whose outcome was unknown
 * at the kill (SMTP accepted it, the process died before recording it): those are counted.
 */
describe('notifications killed mid-batch (SIGKILL) and restarted as two instances', () => {
  let world: TestWorld;
  const smtp = new TestSmtpServer({ acceptDelayMs: 60 });
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    world = await createTestWorld({
      SMTP_URL: await smtp.start(),
      SMTP_TIMEOUT_MS: '2000',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_SIGNING_SECRET: 'kill-test-signing-secret',
      ACK_LINK_SECRET: 'kill-test-ack-link-secret',
      ALERT_GROUP_WINDOW_MS: '200',
      DELIVERY_LOCK_MS: '2000',
      DELIVERY_SWEEP_EVERY_MS: '1000',
      ENDPOINT_RATE_LIMIT_MAX: '1000',
      LOG_LEVEL: 'warn',
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((service) => service.stop()));
    await smtp.stop();
    await world?.cleanup();
  }, 60_000);

  it('delivers every alert to its recipient exactly once (one Message-ID each) across a SIGKILL and a restart', async () => {
    const first = await startServiceProcess('notifications', world.env);
    const events = Array.from({ length: ALERTS }, (_, i) =>
      goalTransitionEvent({
        owners: [{ name: `R${i}`, channels: [{ type: 'email', target: `r${i}@kommune.example` }] }],
        municipality: i % 2 ? '147' : '101',
      }),
    );
    await produceGoalEvents(world.topicPrefix, events);
    await waitUntil(() => smtp.messages.length >= 10, 60_000, 'sending under way');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = smtp.messages.length;
    expect(atKill).toBeLessThan(ALERTS); // killed mid-batch

    processes.push(await startServiceProcess('notifications', world.env), await startServiceProcess('notifications', world.env));
    const recipients = new Set(events.map((_, i) => `r${i}@kommune.example`));
    const received = () => new Set(smtp.messages.map((mail) => (Array.isArray(mail.to) ? '' : (mail.to?.text ?? ''))));
    await waitUntil(() => [...recipients].every((address) => received().has(address)), 120_000, 'every recipient served');
    // Anything still in flight has arrived once every alert is consumed and every delivery finished.
    await waitUntilIdle(world, IDLE.notifications, 60_000);

    const byRecipient = new Map<string, string[]>();
    for (const mail of smtp.messages) {
      const address = Array.isArray(mail.to) ? '' : (mail.to?.text ?? '');
      byRecipient.set(address, [...(byRecipient.get(address) ?? []), mail.messageId ?? '']);
    }
    expect(new Set(byRecipient.keys())).toEqual(recipients);
    for (const [address, ids] of byRecipient) expect([address, new Set(ids).size]).toEqual([address, 1]);
    const duplicates = [...byRecipient.values()].reduce((sum, ids) => sum + ids.length - 1, 0);

    const db = new Client({ connectionString: world.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM notifications.deliveries GROUP BY status`);
      expect(rows).toEqual([{ status: 'delivered', n: ALERTS }]);
      const inDoubt = Number(
        (await db.query(`SELECT count(*) FROM notifications.delivery_attempts WHERE outcome = 'in-doubt'`)).rows[0].count,
      );
      // Only a send whose outcome was unknown at the kill can reach its recipient twice.
      expect(duplicates).toBeLessThanOrEqual(inDoubt);
      // The transitions, each handled once (the owners' contacts are consumed as events of their own).
      const consumed = Number(
        (await db.query(`SELECT count(*) FROM notifications.processed_events WHERE consumer = 'notifications.goal-transitions'`)).rows[0]
          .count,
      );
      expect(consumed).toBe(ALERTS);
      console.log(
        `kill test: ${smtp.messages.length} emails for ${ALERTS} alerts (${atKill} before the SIGKILL); duplicates ${duplicates}; sends in doubt at the kill ${inDoubt}`,
      );
    } finally {
      await db.end();
    }
  }, 240_000);
});
