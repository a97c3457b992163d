import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@pejling/platform';

export class CreateDeliveries1732300000400 implements MigrationInterface {
  name = 'CreateDeliveries1732300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner, 'notifications');
    await queryRunner.query(`
      CREATE TABLE notifications.alerts (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        goal_id uuid NOT NULL,
        municipality char(3) NOT NULL,
        transition text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE notifications.deliveries (
        id uuid PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES notifications.alerts(id),
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        target text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'retrying', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (alert_id, channel, target)
      )`);
    await queryRunner.query(`CREATE INDEX deliveries_by_status ON notifications.deliveries (status, created_at)`);
    await queryRunner.query(`
      CREATE TABLE notifications.delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES notifications.deliveries(id),
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
        detail text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['delivery_attempts', 'deliveries', 'alerts']) await queryRunner.query(`DROP TABLE notifications.${table}`);
    await dropPlatformTables(queryRunner, 'notifications');
  }
}
