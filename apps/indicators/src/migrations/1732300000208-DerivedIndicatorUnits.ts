import { MigrationInterface, QueryRunner } from 'typeorm';

/** The 12-month change of a share is stored in percentage points (`pp`), next to percent and count. */
export class DerivedIndicatorUnits1732300000208 implements MigrationInterface {
  name = 'DerivedIndicatorUnits1732300000208';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE indicators.indicator_values DROP CONSTRAINT indicator_values_unit_check');
    await queryRunner.query(
      `ALTER TABLE indicators.indicator_values ADD CONSTRAINT indicator_values_unit_check CHECK (unit IN ('percent', 'count', 'pp'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM indicators.indicator_values WHERE unit = 'pp'`);
    await queryRunner.query('ALTER TABLE indicators.indicator_values DROP CONSTRAINT indicator_values_unit_check');
    await queryRunner.query(
      `ALTER TABLE indicators.indicator_values ADD CONSTRAINT indicator_values_unit_check CHECK (unit IN ('percent', 'count'))`,
    );
  }
}
