import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures of every period kind Jobindsats publishes (month, quarter, rolling year, year), with the
 * month each ends in for ordering, and the source's own publication time, which revisions keep.
 */
export class PeriodsAndSourceTimes1732300000102 implements MigrationInterface {
  name = 'PeriodsAndSourceTimes1732300000102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE ingest.figures
        ADD COLUMN period_kind text NOT NULL DEFAULT 'month' CHECK (period_kind IN ('month', 'quarter', 'rolling-year', 'year')),
        ADD COLUMN period_end text,
        ADD COLUMN source_updated_at timestamptz`);
    await queryRunner.query(`UPDATE ingest.figures SET period_end = period`);
    await queryRunner.query(`ALTER TABLE ingest.figures ALTER COLUMN period_end SET NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE ingest.figure_revisions
        ADD COLUMN previous_source_updated_at timestamptz,
        ADD COLUMN source_updated_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ingest.figure_revisions DROP COLUMN previous_source_updated_at, DROP COLUMN source_updated_at');
    await queryRunner.query('ALTER TABLE ingest.figures DROP COLUMN period_kind, DROP COLUMN period_end, DROP COLUMN source_updated_at');
  }
}
