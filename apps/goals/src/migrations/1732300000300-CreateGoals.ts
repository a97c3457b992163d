import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@pejling/platform';

export class CreateGoals1732300000300 implements MigrationInterface {
  name = 'CreateGoals1732300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner, 'goals');
    await queryRunner.query(`
      CREATE TABLE goals.goals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        municipality char(3) NOT NULL,
        indicator_id text NOT NULL,
        comparator text NOT NULL CHECK (comparator IN ('lt', 'lte', 'gt', 'gte')),
        target double precision NOT NULL,
        owner_name text NOT NULL,
        owner_email text,
        owner_webhook_url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX goals_by_indicator ON goals.goals (indicator_id, municipality) WHERE deleted_at IS NULL`);
    // The latest value of every indicator, so a new goal is evaluated at once.
    await queryRunner.query(`
      CREATE TABLE goals.indicator_values (
        indicator_id text NOT NULL,
        municipality char(3) NOT NULL,
        period text NOT NULL,
        value double precision NOT NULL,
        inputs jsonb NOT NULL,
        PRIMARY KEY (indicator_id, municipality, period)
      )`);
    await queryRunner.query(`
      CREATE TABLE goals.evaluations (
        id uuid PRIMARY KEY,
        goal_id uuid NOT NULL REFERENCES goals.goals(id),
        period text NOT NULL,
        value double precision NOT NULL,
        comparator text NOT NULL,
        target double precision NOT NULL,
        gap double precision NOT NULL,
        state text NOT NULL,
        previous_state text,
        transition text,
        explanation jsonb NOT NULL,
        inputs jsonb NOT NULL,
        cause_event_id uuid,
        evaluated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX evaluations_by_goal ON goals.evaluations (goal_id, evaluated_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE goals.goal_states (
        goal_id uuid PRIMARY KEY REFERENCES goals.goals(id),
        state text NOT NULL,
        period text NOT NULL,
        evaluation_id uuid NOT NULL REFERENCES goals.evaluations(id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['goal_states', 'evaluations', 'indicator_values', 'goals']) await queryRunner.query(`DROP TABLE goals.${table}`);
    await dropPlatformTables(queryRunner, 'goals');
  }
}
