import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners get Teams and Slack webhooks besides email and a generic webhook; a goal has every owner
 * its plan names (not only the first); and goal states remember the last judged state owners were
 * told about, so a backfill of long-past periods does not swallow the alert for the current one.
 */
export class OwnerChannels1732300000306 implements MigrationInterface {
  name = 'OwnerChannels1732300000306';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE goals.owners ADD COLUMN teams_webhook_url text, ADD COLUMN slack_webhook_url text`);
    await queryRunner.query(`
      CREATE TABLE goals.goal_owners (
        goal_id uuid NOT NULL REFERENCES goals.goals(id),
        owner_id uuid NOT NULL REFERENCES goals.owners(id),
        position integer NOT NULL,
        PRIMARY KEY (goal_id, owner_id)
      )`);
    await queryRunner.query(`CREATE INDEX goal_owners_by_owner ON goals.goal_owners (owner_id)`);
    await queryRunner.query(
      `INSERT INTO goals.goal_owners (goal_id, owner_id, position) SELECT id, owner_id, 0 FROM goals.goals WHERE owner_id IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE goals.goal_states ADD COLUMN notified_state text`);
    await queryRunner.query(`UPDATE goals.goal_states SET notified_state = last_judged_state`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE goals.goal_states DROP COLUMN notified_state');
    await queryRunner.query('DROP TABLE goals.goal_owners');
    await queryRunner.query('ALTER TABLE goals.owners DROP COLUMN teams_webhook_url, DROP COLUMN slack_webhook_url');
  }
}
