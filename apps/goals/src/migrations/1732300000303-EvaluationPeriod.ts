import { MigrationInterface, QueryRunner } from 'typeorm';

/** How often a goal's data is published (month, quarter, rolling 12 months, year): the staleness check needs it. */
export class EvaluationPeriod1732300000303 implements MigrationInterface {
  name = 'EvaluationPeriod1732300000303';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE goals.goals ADD COLUMN evaluation_period text NOT NULL DEFAULT 'month' CHECK (evaluation_period IN ('month', 'quarter', 'rolling-12-months', 'year'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE goals.goals DROP COLUMN evaluation_period');
  }
}
