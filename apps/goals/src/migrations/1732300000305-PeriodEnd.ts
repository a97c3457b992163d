import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indicator readings of any period kind keep the month they end in, so a rolling-year benchmark can be matched to a month. */
export class PeriodEnd1732300000305 implements MigrationInterface {
  name = 'PeriodEnd1732300000305';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE goals.indicator_values ADD COLUMN period_end text`);
    await queryRunner.query(`UPDATE goals.indicator_values SET period_end = period`);
    await queryRunner.query(`ALTER TABLE goals.indicator_values ALTER COLUMN period_end SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX indicator_values_by_end ON goals.indicator_values (municipality, indicator_id, period_end)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE goals.indicator_values DROP COLUMN period_end');
  }
}
