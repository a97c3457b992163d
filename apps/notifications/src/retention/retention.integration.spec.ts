import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { RetentionLock, SERVICE_ENV, ServiceMetrics, Transactions } from '@pejling/platform';
import { createTestWorld, RunningService, startService, TestWorld } from '@pejling/testing';
import { notificationsApp } from '../notifications.app';
import { NotificationsEnv } from '../notifications.env';
import { JOBS, SCHEDULED_QUEUE, ScheduledJobs } from '../scheduling/scheduled-jobs';
import { PruneDeliveryAttempts } from './prune-delivery-attempts.use-case';

const DAY = 86_400_000;
const WEEK_MS = 7 * DAY;

/** Retention in notifications: finished deliveries' attempt logs past DELIVERY_ATTEMPTS_RETENTION_DAYS, processed-event ids past the topics' retention. */
describe('notifications: retention jobs (real PostgreSQL, Kafka and Redis)', () => {
  let world: TestWorld;
  let service: RunningService;
  const now = new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  beforeAll(async () => {
    world = await createTestWorld({
      WEBHOOK_SIGNING_SECRET: 'retention-signing-secret-0123456789',
      ACK_LINK_SECRET: 'retention-ack-link-secret',
      // Weekly rounds and an hourly sweep: nothing but the test touches the rows it writes. Batches of two rows.
      RETENTION_EVERY_MS: String(WEEK_MS),
      DELIVERY_SWEEP_EVERY_MS: '3600000',
      RETENTION_BATCH_SIZE: '2',
    });
    service = await startService(notificationsApp, world.env);
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  const query = <T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> => service.dataSource.query(sql, params);

  /** A delivery in `status` (in progress ones were just created or claimed, so no sweep takes them), with attempts finished `daysAgo`. */
  const delivery = async (status: string, daysAgo: number[]): Promise<string> => {
    const id = randomUUID();
    await query(
      `INSERT INTO deliveries (id, channel, target, status, attempts, sending_since) VALUES ($1, 'email', 'team@example.org', $2, $3, CASE WHEN $2 = 'sending' THEN now() END)`,
      [id, status, daysAgo.length],
    );
    for (const [index, days] of daysAgo.entries()) {
      await query(
        `INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, detail) VALUES ($1, $2, $3, $3, 'failure', 'test')`,
        [id, index + 1, ago(days)],
      );
    }
    return id;
  };
  const subscriptionDelivery = async (status: string, days: number): Promise<string> => {
    const [{ id: subscriptionId }] = await query<{ id: string }>(
      `INSERT INTO subscriptions (id, url, event_types, description, created_by) VALUES ($1, 'https://hooks.example.org/x', '{goal.breached}', 'test', 'test') RETURNING id`,
      [randomUUID()],
    );
    const [{ id: eventId }] = await query<{ id: string }>(
      `INSERT INTO public_events (id, type, version, source, municipality, time, payload) VALUES ($1, 'goal.breached', 1, 'test', '147', now(), '{}') RETURNING id`,
      [randomUUID()],
    );
    const id = randomUUID();
    await query(`INSERT INTO subscription_deliveries (id, subscription_id, event_id, status, attempts) VALUES ($1, $2, $3, $4, 1)`, [
      id,
      subscriptionId,
      eventId,
      status,
    ]);
    await query(
      `INSERT INTO subscription_delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, detail) VALUES ($1, 1, $2, $2, 'success', 'test')`,
      [id, ago(days)],
    );
    return id;
  };
  const attemptsOf = async (
    table: 'delivery_attempts' | 'subscription_delivery_attempts',
    ids: string[],
  ): Promise<Record<string, number>> => {
    const rows = await query<{ delivery_id: string; n: number }>(
      `SELECT delivery_id, count(*)::int AS n FROM ${table} WHERE delivery_id = ANY($1::uuid[]) GROUP BY delivery_id`,
      [ids],
    );
    return Object.fromEntries(ids.map((id) => [id, rows.find((row) => row.delivery_id === id)?.n ?? 0]));
  };

  it('registers the retention jobs as Bull repeatable jobs at boot', async () => {
    const queue = service.nest.get<Queue>(getQueueToken(SCHEDULED_QUEUE));
    const repeatable = (await queue.getRepeatableJobs()).map((job) => [job.name, job.every]);
    expect(repeatable).toEqual(
      expect.arrayContaining([
        [JOBS.pruneProcessedEvents, WEEK_MS],
        [JOBS.pruneDeliveryAttempts, WEEK_MS],
      ]),
    );
  });

  it('drops a retention schedule of another interval at boot', async () => {
    const queue = service.nest.get<Queue>(getQueueToken(SCHEDULED_QUEUE));
    // An earlier deployment's daily schedule.
    await queue.add(JOBS.pruneDeliveryAttempts, {}, { repeat: { every: DAY }, jobId: JOBS.pruneDeliveryAttempts });
    await service.nest.get(ScheduledJobs).onApplicationBootstrap();
    const retention = (await queue.getRepeatableJobs())
      .filter((job) => job.name === JOBS.pruneDeliveryAttempts || job.name === JOBS.pruneProcessedEvents)
      .map((job) => [job.name, job.every])
      .sort();
    expect(retention).toEqual([
      [JOBS.pruneDeliveryAttempts, WEEK_MS],
      [JOBS.pruneProcessedEvents, WEEK_MS],
    ]);
  });

  it("deletes whole attempt logs of finished deliveries past the retention, never an in-progress delivery's", async () => {
    const gone = {
      delivered: await delivery('delivered', [100, 95]),
      dead: await delivery('dead', [200]),
      skipped: await delivery('skipped', [91]),
    };
    const kept = {
      retriedSince: await delivery('dead', [100, 10]), // a retry after the cutoff keeps the whole log
      retrying: await delivery('retrying', [100]),
      sending: await delivery('sending', [100]),
      pending: await delivery('pending', [100]),
      recent: await delivery('delivered', [80]),
    };
    const subscriptionGone = await subscriptionDelivery('delivered', 100);
    const subscriptionKept = { pending: await subscriptionDelivery('pending', 100), recent: await subscriptionDelivery('dead', 30) };

    // DELIVERY_ATTEMPTS_RETENTION_DAYS=0 keeps every attempt.
    const env = service.nest.get<NotificationsEnv>(SERVICE_ENV);
    const forever = new PruneDeliveryAttempts(
      service.nest.get(Transactions),
      service.nest.get(RetentionLock),
      service.nest.get(ServiceMetrics),
      {
        ...env,
        DELIVERY_ATTEMPTS_RETENTION_DAYS: 0,
      },
    );
    expect(await forever.execute(now)).toEqual({ skipped: false, deleted: { delivery_attempts: 0, subscription_delivery_attempts: 0 } });

    // The default, 90 days.
    expect(await service.nest.get(PruneDeliveryAttempts).execute(now)).toEqual({
      skipped: false,
      deleted: { delivery_attempts: 4, subscription_delivery_attempts: 1 },
    });
    expect(await attemptsOf('delivery_attempts', Object.values(gone))).toEqual({ [gone.delivered]: 0, [gone.dead]: 0, [gone.skipped]: 0 });
    expect(await attemptsOf('delivery_attempts', Object.values(kept))).toEqual({
      [kept.retriedSince]: 2,
      [kept.retrying]: 1,
      [kept.sending]: 1,
      [kept.pending]: 1,
      [kept.recent]: 1,
    });
    expect(await attemptsOf('subscription_delivery_attempts', [subscriptionGone, ...Object.values(subscriptionKept)])).toEqual({
      [subscriptionGone]: 0,
      [subscriptionKept.pending]: 1,
      [subscriptionKept.recent]: 1,
    });
    // The deliveries themselves stay.
    const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE id = ANY($1::uuid[])`, [
      Object.values(gone),
    ]);
    expect(n).toBe(3);
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/pejling_retention_pruned_rows_total\{table="delivery_attempts",service="notifications"\} 4/);
    expect(metrics).toMatch(/pejling_retention_pruned_rows_total\{table="subscription_delivery_attempts",service="notifications"\} 1/);
  });

  it('skips a delivery a sender or a retry holds at that moment, and takes it next round', async () => {
    const held = await delivery('dead', [120]);
    const retry = new Client({ connectionString: world.databaseUrl });
    await retry.connect();
    try {
      await retry.query('BEGIN');
      await retry.query('SELECT id FROM notifications.deliveries WHERE id = $1 FOR UPDATE', [held]);
      expect((await service.nest.get(PruneDeliveryAttempts).execute(now)).deleted.delivery_attempts).toBe(0);
      expect(await attemptsOf('delivery_attempts', [held])).toEqual({ [held]: 1 });
      await retry.query('ROLLBACK');
    } finally {
      await retry.end();
    }
    expect((await service.nest.get(PruneDeliveryAttempts).execute(now)).deleted.delivery_attempts).toBe(1);
  });

  it('prunes processed-event ids past the retention of the topics it reads through its job', async () => {
    const old = randomUUID();
    const fresh = randomUUID();
    await query(
      `INSERT INTO processed_events (consumer, event_id, event_type, processed_at) VALUES ($1, $2, 'goal.breached', $3), ($1, $4, 'goal.breached', $5)`,
      ['notifications.goal-transitions', old, ago(60), fresh, ago(1)],
    );
    expect(await service.nest.get(ScheduledJobs).pruneProcessedEvents()).toMatchObject({ skipped: false, deleted: 1 });
    const left = await query<{ event_id: string }>(`SELECT event_id FROM processed_events WHERE event_id = ANY($1::uuid[])`, [
      [old, fresh],
    ]);
    expect(left.map((row) => row.event_id)).toEqual([fresh]);
  });
});
