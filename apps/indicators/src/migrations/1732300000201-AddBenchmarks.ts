import { MigrationInterface, QueryRunner } from 'typeorm';

/** Benchmarks: national average, cluster average and ranks per indicator value, and cluster memberships. */
export class AddBenchmarks1732300000201 implements MigrationInterface {
  name = 'AddBenchmarks1732300000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicators.clusters (
        municipality char(3) NOT NULL,
        indicator_id text NOT NULL,
        members text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (municipality, indicator_id)
      )`);
    // The reading last published for each value, so only changed readings are published again.
    await queryRunner.query(`ALTER TABLE indicators.indicator_values ADD COLUMN published_reading jsonb`);
    await queryRunner.query(`CREATE INDEX indicator_values_by_period ON indicators.indicator_values (indicator_id, period)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX indicators.indicator_values_by_period');
    await queryRunner.query('ALTER TABLE indicators.indicator_values DROP COLUMN published_reading');
    await queryRunner.query('DROP TABLE indicators.clusters');
  }
}
