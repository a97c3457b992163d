import { DataSourceOptions } from 'typeorm';
import type { MixedList, EntitySchema } from 'typeorm';

export interface ServiceDatabase {
  url: string;
  /** The PostgreSQL schema this service owns; nothing else writes to it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** For the running service; migrations run without them (a long data migration must not be cut off). */
  timeouts?: DatabaseTimeouts;
}

export interface DatabaseTimeouts {
  statementMs: number;
  idleInTransactionMs: number;
  poolAcquireMs: number;
}

/** The timeouts of the settings (DB_STATEMENT_TIMEOUT_MS, DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, DB_POOL_ACQUIRE_TIMEOUT_MS). */
export function databaseTimeouts(env: {
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  DB_POOL_ACQUIRE_TIMEOUT_MS: number;
}): DatabaseTimeouts {
  return {
    statementMs: env.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    poolAcquireMs: env.DB_POOL_ACQUIRE_TIMEOUT_MS,
  };
}

/** TypeORM options for one service: its own schema and migrations, never `synchronize`. */
export function serviceDataSourceOptions(db: ServiceDatabase): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    schema: db.schema,
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // search_path lets hand-written SQL (outbox, bulk upserts) use unqualified table names.
    extra: {
      max: 10,
      application_name: `pejling-${db.schema}`,
      options: `-c search_path=${db.schema},public`,
      ...(db.timeouts && {
        // node-postgres sets these per connection; the pool's acquire wait fails with "timeout exceeded when trying to connect".
        statement_timeout: db.timeouts.statementMs,
        idle_in_transaction_session_timeout: db.timeouts.idleInTransactionMs,
        connectionTimeoutMillis: db.timeouts.poolAcquireMs,
      }),
    },
  };
}
