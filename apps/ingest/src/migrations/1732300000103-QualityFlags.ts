import { MigrationInterface, QueryRunner } from 'typeorm';

/** Soft data-quality findings on stored figures: kept, listed, resolved when a later figure settles them. */
export class QualityFlags1732300000103 implements MigrationInterface {
  name = 'QualityFlags1732300000103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingest.quality_flags (
        id uuid PRIMARY KEY,
        check_kind text NOT NULL CHECK (check_kind IN ('jump', 'group-total', 'missing-period')),
        source text NOT NULL,
        series text NOT NULL,
        municipality char(3) NOT NULL,
        period text NOT NULL,
        value double precision,
        details jsonb NOT NULL,
        message jsonb NOT NULL,
        batch_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by_batch uuid
      )`);
    // One open flag per check and figure; a re-check that still finds the problem keeps it.
    await queryRunner.query(
      `CREATE UNIQUE INDEX quality_flags_open ON ingest.quality_flags (check_kind, source, series, municipality, period) WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX quality_flags_by_municipality ON ingest.quality_flags (municipality, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX quality_flags_by_batch ON ingest.quality_flags (batch_id)`);
    await queryRunner.query(`ALTER TABLE ingest.imports ADD COLUMN rows_flagged integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ingest.imports DROP COLUMN rows_flagged');
    await queryRunner.query('DROP TABLE ingest.quality_flags');
  }
}
