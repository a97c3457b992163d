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
    extra: { max: 10, application_name: `pejling-${db.schema}`, options: `-c search_path=${db.schema},public` },
  };
}
