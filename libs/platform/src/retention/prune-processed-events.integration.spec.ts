import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { deadLetterTopic, physicalTopic, TOPICS } from '@pejling/contracts';
import { createPlatformTables, createProcessedEventsAgeIndex } from '../database/platform-tables';
import { serviceDataSourceOptions } from '../database/data-source-options';
import { dropDatabase, ensureDatabase } from '../database/migrate';
import { createAdmin, KafkaConnection } from '../kafka/kafka-client';
import { TopicRetentionReader } from '../kafka/topic-retention';
import { ServiceMetrics } from '../metrics/service-metrics';
import { OutboxRelay } from '../outbox/outbox-relay';
import { Transactions } from '../outbox/transactions';
import { PruneProcessedEvents } from './prune-processed-events.use-case';
import { RetentionLock } from './retention-lock.repository';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SCHEMA = 'retention_test';
const kafka: KafkaConnection = { brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', clientId: 'retention-test' };

/** PruneProcessedEvents against a real PostgreSQL and the topics' real settings on the broker. */
describe('PruneProcessedEvents (real PostgreSQL and Kafka)', () => {
  Logger.overrideLogger(false);
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const prefix = `tretention${id}.`;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/pejling_test_retention_${id}`;
  const databaseUrl = url.toString();
  const topic = (name: string) => physicalTopic(name, prefix);
  const created: string[] = [];
  let dataSource: DataSource;
  let metrics: ServiceMetrics;
  const now = new Date('2026-06-30T12:00:00Z');
  // figures: 1 day retention, its dead-letter topic 3 days, segments of an hour, a margin of 1 day.
  const figuresCutoff = new Date(now.getTime() - 3 * DAY - HOUR - DAY);

  const prune = (options: { brokers?: string; batchSize?: number } = {}) => {
    const relay = new OutboxRelay(
      dataSource,
      { send: async () => undefined, close: async () => undefined },
      { schema: SCHEMA, batchSize: 10, pollIntervalMs: 1000 },
    );
    return new PruneProcessedEvents(
      new Transactions(dataSource, relay, prefix),
      new RetentionLock(databaseUrl),
      new TopicRetentionReader({ ...kafka, brokers: options.brokers ?? kafka.brokers }),
      metrics,
      { schema: SCHEMA, topicPrefix: prefix, marginMs: DAY, batchSize: options.batchSize ?? 2 },
    );
  };

  const processed = async (rows: { consumer?: string; type: string; at: Date }[]): Promise<string[]> => {
    const ids = rows.map(() => randomUUID());
    await dataSource.query(
      `INSERT INTO processed_events (consumer, event_id, event_type, processed_at) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[])`,
      [rows.map((row) => row.consumer ?? 'test.figures'), ids, rows.map((row) => row.type), rows.map((row) => row.at)],
    );
    return ids;
  };
  const remaining = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT event_id FROM processed_events ORDER BY event_id`)).map((row: { event_id: string }) => row.event_id);
  const at = (offsetMs: number) => new Date(figuresCutoff.getTime() + offsetMs);

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    dataSource = await new DataSource(
      serviceDataSourceOptions({ url: databaseUrl, schema: SCHEMA, entities: [], migrations: [] }),
    ).initialize();
    const runner = dataSource.createQueryRunner();
    await runner.query(`CREATE SCHEMA ${SCHEMA}`);
    await createPlatformTables(runner, SCHEMA);
    await createProcessedEventsAgeIndex(runner, SCHEMA);
    await runner.release();
    metrics = new ServiceMetrics('retention-test');

    const admin = createAdmin(kafka);
    const make = async (topics: string[], configs: Record<string, string>) => {
      await admin.createTopics({
        topics,
        partitions: 1,
        replicas: 1,
        configs: Object.entries(configs).map(([name, value]) => ({ name, value })),
      });
      created.push(...topics);
    };
    try {
      await make([topic(TOPICS.figures)], { 'retention.ms': String(DAY), 'segment.ms': String(HOUR) });
      await make([deadLetterTopic(topic(TOPICS.figures))], { 'retention.ms': String(3 * DAY), 'segment.ms': String(HOUR) });
      await make([topic(TOPICS.indicators)], { 'retention.ms': '-1' });
      await make([topic(TOPICS.plans)], { 'cleanup.policy': 'compact' });
      await make([deadLetterTopic(topic(TOPICS.indicators)), deadLetterTopic(topic(TOPICS.plans))], {});
      // goal-transitions exists, its dead-letter topic does not: a replay source not known is kept for.
      await make([topic(TOPICS.goalTransitions)], { 'retention.ms': String(DAY), 'segment.ms': String(HOUR) });
    } finally {
      await admin.close();
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
    const admin = createAdmin(kafka);
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.close();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE processed_events');
  });

  it("deletes, in batches, exactly the ids older than the longest retention of the event's topic and dead-letter topic plus the margin", async () => {
    const old = await processed([
      { type: 'figure.recorded', at: at(-60_000) },
      { type: 'figure.recorded', at: at(-DAY) },
      { type: 'figure.recorded', at: at(-30 * DAY) },
      { type: 'figure.recorded', at: at(-365 * DAY), consumer: 'test.other' },
      { type: 'figure.recorded', at: at(-1) },
    ]);
    const kept = await processed([
      { type: 'figure.recorded', at: at(60_000) }, // just inside the window
      { type: 'figure.recorded', at: now },
      { type: 'indicator.computed', at: at(-365 * DAY) }, // retention.ms = -1
      { type: 'plan.clusters-declared', at: at(-365 * DAY) }, // compacted
      { type: 'goal.breached', at: at(-365 * DAY) }, // its dead-letter topic is not on the broker
      { type: 'figure.flagged', at: at(-365 * DAY) }, // its topic is not on the broker
      { type: 'legacy.unknown', at: at(-365 * DAY) }, // not a type of the contracts
    ]);

    const result = await prune({ batchSize: 2 }).execute(now);

    expect(result).toEqual({ skipped: false, deleted: old.length, keptTopics: expect.arrayContaining([TOPICS.indicators, TOPICS.plans]) });
    expect(result.keptTopics).toEqual(expect.arrayContaining([TOPICS.goalTransitions, TOPICS.dataQuality]));
    expect(result.keptTopics).not.toContain(TOPICS.figures);
    expect(await remaining()).toEqual([...kept].sort());
    expect(await metrics.registry.getSingleMetricAsString('pejling_retention_pruned_rows_total')).toMatch(
      /pejling_retention_pruned_rows_total\{table="processed_events",service="retention-test"\} 5/,
    );
    // Nothing left to prune: a second run deletes nothing.
    expect(await prune().execute(now)).toMatchObject({ skipped: false, deleted: 0 });
  });

  it('does nothing while another session prunes (the advisory lock), and prunes once it is free', async () => {
    await processed([{ type: 'figure.recorded', at: at(-DAY) }]);
    const other = new Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', [`${SCHEMA}.processed_events.retention`]);
      expect(await prune().execute(now)).toEqual({ skipped: true, deleted: 0, keptTopics: [] });
      expect(await remaining()).toHaveLength(1);
    } finally {
      await other.end();
    }
    expect(await prune().execute(now)).toMatchObject({ skipped: false, deleted: 1 });
  });

  it('deletes nothing when the broker cannot say what its topics keep', async () => {
    await processed([{ type: 'figure.recorded', at: at(-365 * DAY) }]);
    await expect(prune({ brokers: '127.0.0.1:1' }).execute(now)).rejects.toThrow();
    expect(await remaining()).toHaveLength(1);
  });
});
