import { MigrationInterface, QueryRunner } from 'typeorm';
import { createProcessedEventsAgeIndex, dropProcessedEventsAgeIndex } from '@pejling/platform';

/** The retention job deletes processed-event ids by type and age. */
export class ProcessedEventsRetention1732300000209 implements MigrationInterface {
  name = 'ProcessedEventsRetention1732300000209';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createProcessedEventsAgeIndex(queryRunner, 'indicators');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropProcessedEventsAgeIndex(queryRunner, 'indicators');
  }
}
