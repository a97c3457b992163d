import type { EntitySchema, MixedList } from 'typeorm';
import { z } from 'zod';
import { baseEnvSchema } from './config/env';
import { trustProxySetting } from './http/client-address';

/** Settings of a service that runs an HTTP API (all four do). */
export const serviceEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The reverse proxies in front of the service, whose X-Forwarded-For is believed (rate limits count the client behind them); `false`: none. */
  TRUST_PROXY: trustProxySetting,
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /**
   * HMAC key of the console's user tokens (HS256), the same value as the console's. Optional:
   * without it the service refuses user tokens (401) and accepts API keys only.
   */
  CONSOLE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How often the retention jobs run (processed-event ids, and a service's own: delivery attempts, superseded evaluations); 0 = never. */
  RETENTION_EVERY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .refine((ms) => ms === 0 || ms >= 1_000, 'must be 0 (off) or at least 1000')
    .default(3_600_000),
  /** Processed-event ids are kept this many days beyond the longest time the broker may still redeliver their event. */
  PROCESSED_EVENTS_MARGIN_DAYS: z.coerce.number().int().min(1).max(3_650).default(7),
  /** Rows one retention statement deletes at most; each batch commits on its own. */
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(5_000),
});
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/** What the platform needs to know to run one Pejling service. */
export interface ServiceSpec {
  /** Service name; also its PostgreSQL schema and Kafka consumer group suffix. */
  name: 'ingest' | 'indicators' | 'goals' | 'notifications';
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Topics the service publishes to through its outbox (created at start-up). */
  produces: readonly string[];
  /** Whether /health checks Redis (services that run Bull queues). */
  usesRedis: boolean;
}

export const SERVICE_ENV = Symbol('SERVICE_ENV');
export const SERVICE_SPEC = Symbol('SERVICE_SPEC');
