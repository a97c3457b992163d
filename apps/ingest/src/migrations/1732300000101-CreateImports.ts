import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every CSV import is an auditable record: who, when, policy, counts and the rejected rows with their lines. */
export class CreateImports1732300000101 implements MigrationInterface {
  name = 'CreateImports1732300000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingest.imports (
        id uuid PRIMARY KEY,
        source text NOT NULL,
        author text NOT NULL,
        policy text NOT NULL CHECK (policy IN ('all-or-nothing', 'accept-valid')),
        status text NOT NULL CHECK (status IN ('running', 'accepted', 'rejected', 'failed')),
        encoding text,
        delimiter text,
        rows_total integer NOT NULL DEFAULT 0,
        rows_rejected integer NOT NULL DEFAULT 0,
        rows_created integer NOT NULL DEFAULT 0,
        rows_revised integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        message text,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ingest.imports');
  }
}
