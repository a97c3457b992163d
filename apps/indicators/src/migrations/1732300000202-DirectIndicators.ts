import { MigrationInterface, QueryRunner } from 'typeorm';

/** Plan-declared indicators posted as figures are shares or counts; the unit travels with the value. */
export class DirectIndicators1732300000202 implements MigrationInterface {
  name = 'DirectIndicators1732300000202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE indicators.indicator_values ADD COLUMN unit text NOT NULL DEFAULT 'percent' CHECK (unit IN ('percent', 'count'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE indicators.indicator_values DROP COLUMN unit');
  }
}
