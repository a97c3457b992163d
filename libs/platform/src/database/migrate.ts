import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

/** One lock for all Pejling migrations, so services started together migrate one at a time. */
const MIGRATION_LOCK_KEY = 0x7065_6a6c; // "pejl"

/**
 * Runs the pending migrations of each data source in order, holding a PostgreSQL advisory lock
 * so concurrent starts (four services, several instances) never race on DDL.
 */
export async function runMigrations(sources: DataSourceOptions[], log: (message: string) => void = () => undefined): Promise<void> {
  const first = sources[0] as { url?: string } | undefined;
  if (!first?.url) return;
  const lock = new Client({ connectionString: first.url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    for (const options of sources) {
      const schema = (options as { schema?: string }).schema ?? 'public';
      await lock.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const dataSource = new DataSource({ ...options, migrationsRun: false, synchronize: false, logging: false });
      await dataSource.initialize();
      try {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        for (const migration of applied) log(`applied migration ${schema}.${migration.name}`);
      } finally {
        await dataSource.destroy();
      }
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

/** Creates the database named in the URL if it does not exist (for the demo and tests). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Refusing to create database with unusual name '${name}'`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`).catch(ignoreDuplicateDatabase);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function ignoreDuplicateDatabase(error: { code?: string }): void {
  if (error.code !== '42P04' && error.code !== '23505') throw error;
}
