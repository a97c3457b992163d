import { randomUUID } from 'node:crypto';
import { createTestWorld, RunningService, startService, TestWorld, waitUntil } from '@pejling/testing';
import { indicatorsApp } from '../indicators.app';
import { RetentionSchedule } from './retention-schedule';

const DAY = 86_400_000;

/**
 * Indicators has no Redis: the processed-event ids are pruned on an interval started at boot, against
 * the topics the service created (the broker's defaults: 7 days' retention, 7-day segments).
 */
describe('indicators: processed-event ids pruned on an interval (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let service: RunningService;

  beforeAll(async () => {
    world = await createTestWorld({ RETENTION_EVERY_MS: '1000' });
    service = await startService(indicatorsApp, world.env);
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  const record = async (type: string, ageMs: number): Promise<string> => {
    const id = randomUUID();
    await service.dataSource.query(`INSERT INTO processed_events (consumer, event_id, event_type, processed_at) VALUES ($1, $2, $3, $4)`, [
      'indicators.test',
      id,
      type,
      new Date(Date.now() - ageMs),
    ]);
    return id;
  };
  const stored = async (ids: string[]): Promise<string[]> =>
    (await service.dataSource.query(`SELECT event_id FROM processed_events WHERE event_id = ANY($1::uuid[])`, [ids])).map(
      (row: { event_id: string }) => row.event_id,
    );

  it('starts the interval at boot, and a round deletes the ids past retention + a segment + the margin, keeping newer ones', async () => {
    expect(service.nest.get(RetentionSchedule).scheduled).toBe(true);
    // 7 days' retention + a 7-day segment + PROCESSED_EVENTS_MARGIN_DAYS (7) = 21 days.
    const old = [await record('figure.recorded', 60 * DAY), await record('plan.clusters-declared', 22 * DAY)];
    const fresh = [await record('figure.recorded', 20 * DAY), await record('figure.recorded', 0)];
    await waitUntil(async () => (await stored(old)).length === 0, 20_000, 'the old ids to be pruned');
    expect((await stored(fresh)).sort()).toEqual([...fresh].sort());
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/pejling_retention_pruned_rows_total\{table="processed_events",service="indicators"\} 2/);
  });
});
