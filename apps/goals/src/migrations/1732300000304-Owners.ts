import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners are managed once and shared by goals: a plan names a committee, an admin gives it an email
 * or webhook, and every goal it owns is alerted there. Goals keep a copy of the contact for alerts.
 */
export class Owners1732300000304 implements MigrationInterface {
  name = 'Owners1732300000304';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE goals.owners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        email text,
        webhook_url text,
        language text NOT NULL DEFAULT 'da' CHECK (language IN ('da', 'en')),
        time_zone text NOT NULL DEFAULT 'Europe/Copenhagen',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO goals.owners (name, email, webhook_url)
      SELECT DISTINCT ON (owner_name) owner_name, owner_email, owner_webhook_url FROM goals.goals
       WHERE owner_name IS NOT NULL ORDER BY owner_name, updated_at DESC`);
    await queryRunner.query(`ALTER TABLE goals.goals ADD COLUMN owner_id uuid REFERENCES goals.owners(id)`);
    await queryRunner.query(`UPDATE goals.goals g SET owner_id = o.id FROM goals.owners o WHERE o.name = g.owner_name`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE goals.goals DROP COLUMN owner_id');
    await queryRunner.query('DROP TABLE goals.owners');
  }
}
