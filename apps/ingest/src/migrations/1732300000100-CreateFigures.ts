import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@pejling/platform';

export class CreateFigures1732300000100 implements MigrationInterface {
  name = 'CreateFigures1732300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner, 'ingest');
    // A figure is identified by (source, series, municipality, period); a new value is a revision.
    await queryRunner.query(`
      CREATE TABLE ingest.figures (
        id uuid PRIMARY KEY,
        source text NOT NULL,
        series text NOT NULL,
        municipality char(3) NOT NULL,
        period text NOT NULL,
        value double precision NOT NULL,
        unit text NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        batch_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source, series, municipality, period)
      )`);
    await queryRunner.query(`CREATE INDEX figures_by_municipality ON ingest.figures (municipality, series, period)`);
    await queryRunner.query(`
      CREATE TABLE ingest.figure_revisions (
        figure_id uuid NOT NULL REFERENCES ingest.figures(id),
        revision integer NOT NULL,
        previous_value double precision NOT NULL,
        value double precision NOT NULL,
        batch_id uuid NOT NULL,
        revised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (figure_id, revision)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ingest.figure_revisions');
    await queryRunner.query('DROP TABLE ingest.figures');
    await dropPlatformTables(queryRunner, 'ingest');
  }
}
