import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  accessDataSourceOptions,
  closeService,
  ApiKeysRepository,
  createService,
  dropDatabase,
  ensureDatabase,
  Role,
  runMigrations,
  ServiceApp,
  ServiceEnv,
} from '@pejling/platform';

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A unique suffix per test run, used for the database, topic prefix and queue prefix. */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface TestWorld {
  id: string;
  databaseUrl: string;
  topicPrefix: string;
  /** Environment shared by every service of this test (same database and topic prefix). */
  env: Record<string, string>;
  apiKey(role: Role): Promise<string>;
  cleanup(): Promise<void>;
}

/** A private world for one test file: its own database and its own Kafka topic namespace. */
export async function createTestWorld(extraEnv: Record<string, string> = {}, pgAdminUrl = PG_ADMIN_URL): Promise<TestWorld> {
  const id = uniqueId();
  const url = new URL(pgAdminUrl);
  url.pathname = `/pejling_test_${id}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await runMigrations([accessDataSourceOptions(databaseUrl)]);
  const topicPrefix = `t${id}.`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: '3',
    OUTBOX_POLL_INTERVAL_MS: '100',
    CONSUMER_RETRY_BACKOFF_MS: '20',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PORT: '0',
    BULL_PREFIX: `test-${id}`,
    // Tests replay 2021 figures; the staleness check would (rightly) call them stale. Its own test turns it on.
    STALENESS_CHECK_EVERY_MS: '0',
    // For the same reason every 2021 transition would count as history (recorded, not delivered); its own test turns it on.
    MARK_HISTORICAL_TRANSITIONS: 'false',
    // Every request of a test comes from 127.0.0.1 (the fuzz suite sends thousands): the public routes' rate limit
    // stays out of the way, and its own tests set it low.
    PUBLIC_API_RATE_LIMIT_PER_MINUTE: '1000000',
    // Notifications seals webhook secrets with it; a fresh key per world.
    SECRETS_KEY: `t1:${randomBytes(32).toString('base64')}`,
    ...extraEnv,
  };
  return {
    id,
    databaseUrl,
    topicPrefix,
    env,
    async apiKey(role: Role) {
      const dataSource = await new DataSource(accessDataSourceOptions(databaseUrl)).initialize();
      try {
        return (await new ApiKeysRepository(dataSource).create(`test-${role}`, role)).key;
      } finally {
        await dataSource.destroy();
      }
    },
    cleanup: () => dropDatabase(databaseUrl),
  };
}

export interface RunningService {
  nest: INestApplication;
  baseUrl: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Starts a service in-process exactly as its main.ts does, on a free port. */
export async function startService<E extends ServiceEnv>(app: ServiceApp<E>, env: Record<string, string>): Promise<RunningService> {
  const { nest } = await createService(app, env);
  await nest.startAllMicroservices();
  await nest.listen(0, '127.0.0.1');
  const address = nest.getHttpServer().address() as { port: number };
  return {
    nest,
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataSource: nest.get(DataSource),
    close: () => closeService(nest),
  };
}
