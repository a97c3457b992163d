import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Benchmarks are recomputed once per (indicator, period) after a burst of figures, not once per
 * figure: consumers append the pair to `benchmark_queue`, a worker recomputes and publishes. What was last
 * published moves to its own table, so the worker never locks the rows consumers write.
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
    // What was last published per value: its value (the next reading's previousValue) and a signature
    // of everything a reading carries, so an unchanged reading is not published again.
    await queryRunner.query(`
      CREATE TABLE indicators.published_readings (
        indicator_id text NOT NULL,
        municipality char(3) NOT NULL,
        period text NOT NULL,
        value double precision NOT NULL,
        signature text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator_id, period, municipality)
      )`);
    // Readings published before this migration get no signature that can match: they are published once more.
    await queryRunner.query(`
      INSERT INTO indicators.published_readings (indicator_id, municipality, period, value, signature)
      SELECT indicator_id, municipality, period, (published_reading->>'value')::float8, '' FROM indicators.indicator_values WHERE published_reading IS NOT NULL`);
    await queryRunner.query('ALTER TABLE indicators.indicator_values DROP COLUMN published_reading');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE indicators.indicator_values ADD COLUMN published_reading jsonb');
    await queryRunner.query('DROP TABLE indicators.published_readings');
    await queryRunner.query('DROP TABLE indicators.benchmark_queue');
  }
}
