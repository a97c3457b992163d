import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every attempt of a scheduled or manual pull from the Jobindsats API, with what it fetched and how it ended. */
export class PullRuns1732300000104 implements MigrationInterface {
  name = 'PullRuns1732300000104';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingest.pull_runs (
        id uuid PRIMARY KEY,
        pull_id uuid NOT NULL,
        table_id text NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        periods jsonb NOT NULL DEFAULT '[]',
        import_id uuid REFERENCES ingest.imports(id),
        withheld integer NOT NULL DEFAULT 0,
        error text,
        will_retry boolean,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX pull_runs_by_table ON ingest.pull_runs (table_id, started_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ingest.pull_runs');
  }
}
