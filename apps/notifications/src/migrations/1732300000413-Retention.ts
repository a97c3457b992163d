import { MigrationInterface, QueryRunner } from 'typeorm';
import { createProcessedEventsAgeIndex, dropProcessedEventsAgeIndex } from '@pejling/platform';

const ATTEMPT_LOGS = ['delivery_attempts', 'subscription_delivery_attempts'];

/**
 * The retention jobs delete processed-event ids by type and age, and finished deliveries' attempt
 * logs by when their last attempt ended: by finish time to find them, by delivery to see that no
 * later attempt exists (which also serves the delivery log's attempts).
 */
export class Retention1732300000413 implements MigrationInterface {
  name = 'Retention1732300000413';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createProcessedEventsAgeIndex(queryRunner, 'notifications');
    for (const table of ATTEMPT_LOGS) {
      await queryRunner.query(`CREATE INDEX ${table}_by_finish ON notifications.${table} (finished_at)`);
      await queryRunner.query(`CREATE INDEX ${table}_by_delivery ON notifications.${table} (delivery_id, finished_at)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ATTEMPT_LOGS) {
      await queryRunner.query(`DROP INDEX notifications.${table}_by_delivery`);
      await queryRunner.query(`DROP INDEX notifications.${table}_by_finish`);
    }
    await dropProcessedEventsAgeIndex(queryRunner, 'notifications');
  }
}
