import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans as code: every PUT of a changed plan is a new version (who, when, effective from), and
 * every change of a goal's rule is a goal version, so each period is judged by the rule in force then.
 */
export class Plans1732300000302 implements MigrationInterface {
  name = 'Plans1732300000302';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE goals.plans (
        id text PRIMARY KEY,
        municipality char(3) NOT NULL,
        title text NOT NULL,
        current_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE goals.plan_versions (
        plan_id text NOT NULL REFERENCES goals.plans(id),
        version integer NOT NULL,
        document jsonb NOT NULL,
        digest text NOT NULL,
        author text NOT NULL,
        effective_from text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, version)
      )`);
    await queryRunner.query(`
      ALTER TABLE goals.goals
        ADD COLUMN plan_id text REFERENCES goals.plans(id),
        ADD COLUMN plan_goal_id text,
        ADD COLUMN focus_area text,
        ADD COLUMN text text,
        ALTER COLUMN owner_name DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX goals_by_plan_goal ON goals.goals (plan_id, plan_goal_id) WHERE plan_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE goals.goal_versions (
        goal_id uuid NOT NULL REFERENCES goals.goals(id),
        version integer NOT NULL,
        spec jsonb NOT NULL,
        effective_from text NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (goal_id, version)
      )`);
    await queryRunner.query(`CREATE INDEX goal_versions_in_force ON goals.goal_versions (goal_id, effective_from DESC, version DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE goals.goal_versions');
    await queryRunner.query('DROP INDEX goals.goals_by_plan_goal');
    await queryRunner.query(
      'ALTER TABLE goals.goals DROP COLUMN plan_id, DROP COLUMN plan_goal_id, DROP COLUMN focus_area, DROP COLUMN text',
    );
    await queryRunner.query('DROP TABLE goals.plan_versions');
    await queryRunner.query('DROP TABLE goals.plans');
  }
}
