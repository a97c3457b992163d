import { MigrationInterface, QueryRunner } from 'typeorm';
import { createProcessedEventsAgeIndex, dropProcessedEventsAgeIndex } from '@pejling/platform';

/** The retention jobs delete processed-event ids by type and age, and superseded judgements by when they were superseded. */
export class Retention1732300000308 implements MigrationInterface {
  name = 'Retention1732300000308';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createProcessedEventsAgeIndex(queryRunner, 'goals');
    await queryRunner.query(`CREATE INDEX evaluations_superseded ON goals.evaluations (superseded_at) WHERE superseded_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX goals.evaluations_superseded');
    await dropProcessedEventsAgeIndex(queryRunner, 'goals');
  }
}
