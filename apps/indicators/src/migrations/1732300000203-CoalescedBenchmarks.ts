import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Benchmarks are recomputed once per (indicator, period) after a burst of figures, not once per
 * figure: consumers append the pair to `benchmark_queue`, a worker recomputes and publishes. The last
 * published reading moves to its own table, so the worker never locks the rows consumers write.
 */
export class CoalescedBenchmarks1732300000203 implements MigrationInterface {
  name = 'CoalescedBenchmarks1732300000203';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Append-only: consumers of different partitions touching the same pair never wait for each other.
    await queryRunner.query(`
      CREATE TABLE indicators.benchmark_queue (
        seq bigserial PRIMARY KEY,
        indicator_id text NOT NULL,
        period text NOT NULL,
        touched_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        correlation_id uuid
      )`);
    await queryRunner.query('CREATE INDEX benchmark_queue_by_pair ON indicators.benchmark_queue (indicator_id, period)');
    await queryRunner.query(`
      CREATE TABLE indicators.published_readings (
        indicator_id text NOT NULL,
        municipality char(3) NOT NULL,
        period text NOT NULL,
        reading jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator_id, period, municipality)
      )`);
    await queryRunner.query(`
      INSERT INTO indicators.published_readings (indicator_id, municipality, period, reading)
      SELECT indicator_id, municipality, period, published_reading FROM indicators.indicator_values WHERE published_reading IS NOT NULL`);
    await queryRunner.query('ALTER TABLE indicators.indicator_values DROP COLUMN published_reading');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE indicators.indicator_values ADD COLUMN published_reading jsonb');
    await queryRunner.query(`
      UPDATE indicators.indicator_values v SET published_reading = r.reading FROM indicators.published_readings r
       WHERE r.indicator_id = v.indicator_id AND r.municipality = v.municipality AND r.period = v.period`);
    await queryRunner.query('DROP TABLE indicators.published_readings');
    await queryRunner.query('DROP TABLE indicators.benchmark_queue');
  }
}
