import { QueryRunner } from 'typeorm';

/**
 * The outbox and processed-event tables every service keeps in its own schema. Called from
 * each service's first migration so the DDL lives in one place.
 */
export async function createPlatformTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      key text NOT NULL,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await queryRunner.query(`CREATE INDEX outbox_unpublished ON "${schema}".outbox (seq) WHERE published_at IS NULL`);
  await queryRunner.query(`
    CREATE TABLE "${schema}".processed_events (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropPlatformTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".processed_events`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
}

/** The retention job deletes processed-event ids by event type and age (see PruneProcessedEvents). */
export async function createProcessedEventsAgeIndex(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`CREATE INDEX processed_events_by_type_age ON "${schema}".processed_events (event_type, processed_at)`);
}

export async function dropProcessedEventsAgeIndex(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP INDEX IF EXISTS "${schema}".processed_events_by_type_age`);
}
