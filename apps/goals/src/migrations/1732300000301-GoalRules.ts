import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every goal kind: a goal holds a rule (JSON, any kind), a direction, severity, hysteresis,
 * precision, horizon and applicability. Existing threshold goals are carried over as rules.
 */
export class GoalRules1732300000301 implements MigrationInterface {
  name = 'GoalRules1732300000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE goals.goals
        ADD COLUMN rule jsonb,
        ADD COLUMN direction text,
        ADD COLUMN severity text NOT NULL DEFAULT 'major' CHECK (severity IN ('critical', 'major', 'minor')),
        ADD COLUMN hysteresis integer NOT NULL DEFAULT 1 CHECK (hysteresis >= 1),
        ADD COLUMN "precision" integer,
        ADD COLUMN horizon text,
        ADD COLUMN applicability jsonb`);
    await queryRunner.query(`
      UPDATE goals.goals SET
        rule = jsonb_build_object('kind', 'threshold', 'comparator', comparator, 'target', target),
        direction = CASE WHEN comparator IN ('lt', 'lte') THEN 'lower_is_better' ELSE 'higher_is_better' END`);
    await queryRunner.query(
      `ALTER TABLE goals.goals ALTER COLUMN rule SET NOT NULL, ALTER COLUMN direction SET NOT NULL, DROP COLUMN comparator, DROP COLUMN target`,
    );

    await queryRunner.query(`
      ALTER TABLE goals.evaluations
        ADD COLUMN rule jsonb,
        ADD COLUMN raw_state text,
        ADD COLUMN reason text,
        ADD COLUMN measured double precision,
        ADD COLUMN required double precision,
        ADD COLUMN benchmarks jsonb,
        ADD COLUMN projection jsonb,
        ALTER COLUMN value DROP NOT NULL,
        ALTER COLUMN gap DROP NOT NULL`);
    await queryRunner.query(`
      UPDATE goals.evaluations SET rule = jsonb_build_object('kind', 'threshold', 'comparator', comparator, 'target', target),
        raw_state = state, reason = 'compared', measured = value, required = target`);
    await queryRunner.query(
      `ALTER TABLE goals.evaluations ALTER COLUMN rule SET NOT NULL, ALTER COLUMN raw_state SET NOT NULL, DROP COLUMN comparator, DROP COLUMN target`,
    );
    await queryRunner.query(`CREATE INDEX evaluations_by_goal_period ON goals.evaluations (goal_id, period DESC, evaluated_at DESC)`);

    // The last judged state (met, at risk, breached) decides alerts, so a stale spell does not re-alert.
    await queryRunner.query(`ALTER TABLE goals.goal_states ADD COLUMN last_judged_state text`);
    await queryRunner.query(`UPDATE goals.goal_states SET last_judged_state = state WHERE state IN ('met', 'at_risk', 'breached')`);
    await queryRunner.query(`ALTER TABLE goals.indicator_values ADD COLUMN benchmarks jsonb, ADD COLUMN rank jsonb`);
  }

  async down(): Promise<void> {
    throw new Error('GoalRules1732300000301 cannot be reverted: goals of other kinds than thresholds have no comparator/target');
  }
}
