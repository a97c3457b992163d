import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners' contacts as goals publishes them on the internal owners topic (public transitions name
 * owners by id only), and the alerts that wait for an owner's contacts to arrive.
 */
export class OwnerContacts1732300000411 implements MigrationInterface {
  name = 'OwnerContacts1732300000411';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications.owner_contacts (
        owner_id uuid PRIMARY KEY,
        name text NOT NULL,
        channels jsonb NOT NULL,
        language text NOT NULL,
        time_zone text NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE notifications.alerts_awaiting_owners (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        goal_id uuid,
        owner_ids uuid[] NOT NULL,
        envelope jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX alerts_awaiting_owners_goal ON notifications.alerts_awaiting_owners (goal_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifications.alerts_awaiting_owners');
    await queryRunner.query('DROP TABLE notifications.owner_contacts');
  }
}
