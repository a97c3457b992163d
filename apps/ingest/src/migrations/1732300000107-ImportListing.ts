import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The imports list (console's Data page, scoped per municipality): the uploaded file's name and
 * the municipalities of the rows an import read, so a scoped principal sees its own imports only.
 */
export class ImportListing1732300000107 implements MigrationInterface {
  name = 'ImportListing1732300000107';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ingest.imports ADD COLUMN filename text, ADD COLUMN municipalities text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX imports_by_time ON ingest.imports (created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX imports_by_municipality ON ingest.imports USING gin (municipalities)`);
    // Imports before this migration: their municipalities are those of the figures they wrote.
    await queryRunner.query(`
      UPDATE ingest.imports i SET municipalities = m.codes
        FROM (SELECT batch_id, array_agg(DISTINCT municipality ORDER BY municipality) AS codes FROM ingest.figures GROUP BY batch_id) m
       WHERE m.batch_id = i.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ingest.imports_by_municipality`);
    await queryRunner.query(`DROP INDEX ingest.imports_by_time`);
    await queryRunner.query(`ALTER TABLE ingest.imports DROP COLUMN filename, DROP COLUMN municipalities`);
  }
}
