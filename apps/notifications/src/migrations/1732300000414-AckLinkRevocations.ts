import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acknowledgement links can be revoked (a message forwarded to the wrong person): a revocation
 * refuses the episode's links made up to its time, every recipient's (`recipient_key` null) or
 * one recipient's. Links made later, in the messages that follow, work.
 */
export class AckLinkRevocations1732300000414 implements MigrationInterface {
  name = 'AckLinkRevocations1732300000414';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications.ack_link_revocations (
        id bigserial PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES notifications.episodes(id),
        recipient_key text,
        revoked_at timestamptz NOT NULL,
        revoked_by text NOT NULL,
        reason text
      )`);
    await queryRunner.query(`CREATE INDEX ack_link_revocations_by_episode ON notifications.ack_link_revocations (episode_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifications.ack_link_revocations');
  }
}
