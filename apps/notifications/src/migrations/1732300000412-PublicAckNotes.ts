import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An acknowledgement's follow-up note may be shown on the public transparency page, but only when
 * whoever wrote it said so (default: not public). The index serves the page's list per municipality.
 */
export class PublicAckNotes1732300000412 implements MigrationInterface {
  name = 'PublicAckNotes1732300000412';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications.episodes ADD COLUMN acknowledgement_public boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `CREATE INDEX episodes_public_notes ON notifications.episodes (municipality, acknowledged_at DESC) WHERE acknowledgement_public`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX notifications.episodes_public_notes');
    await queryRunner.query('ALTER TABLE notifications.episodes DROP COLUMN acknowledgement_public');
  }
}
