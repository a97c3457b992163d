import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A printed table's development columns are checked (`change`, `change-percent`), and an import
 * keeps the list of what its checks found, so its audit record names every doubtful figure.
 */
export class PrintedTableChecks1732300000106 implements MigrationInterface {
  name = 'PrintedTableChecks1732300000106';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ingest.quality_flags DROP CONSTRAINT quality_flags_check_kind_check');
    await queryRunner.query(
      `ALTER TABLE ingest.quality_flags ADD CONSTRAINT quality_flags_check_kind_check CHECK (check_kind IN ('jump', 'group-total', 'missing-period', 'change', 'change-percent'))`,
    );
    await queryRunner.query(`ALTER TABLE ingest.imports ADD COLUMN flags jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ingest.imports DROP COLUMN flags');
    await queryRunner.query(`DELETE FROM ingest.quality_flags WHERE check_kind IN ('change', 'change-percent')`);
    await queryRunner.query('ALTER TABLE ingest.quality_flags DROP CONSTRAINT quality_flags_check_kind_check');
    await queryRunner.query(
      `ALTER TABLE ingest.quality_flags ADD CONSTRAINT quality_flags_check_kind_check CHECK (check_kind IN ('jump', 'group-total', 'missing-period'))`,
    );
  }
}
