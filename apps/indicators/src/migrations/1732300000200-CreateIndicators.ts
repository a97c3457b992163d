import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@pejling/platform';

export class CreateIndicators1732300000200 implements MigrationInterface {
  name = 'CreateIndicators1732300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner, 'indicators');
    // The latest value of every input figure, as consumed from ingest.
    await queryRunner.query(`
      CREATE TABLE indicators.inputs (
        municipality char(3) NOT NULL,
        series text NOT NULL,
        period text NOT NULL,
        value double precision NOT NULL,
        figure_event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (municipality, period, series)
      )`);
    await queryRunner.query(`
      CREATE TABLE indicators.indicator_values (
        indicator_id text NOT NULL,
        municipality char(3) NOT NULL,
        period text NOT NULL,
        value double precision NOT NULL,
        numerator double precision NOT NULL,
        denominator double precision NOT NULL,
        parts jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator_id, municipality, period)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE indicators.indicator_values');
    await queryRunner.query('DROP TABLE indicators.inputs');
    await dropPlatformTables(queryRunner, 'indicators');
  }
}
