import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A goal's judgements are a function of its data, not of the order it arrived in: each (goal,
 * period) has one current evaluation (a re-judgement supersedes the previous one, which stays for
 * the audit), the staleness check's evaluations are their own kind, the transitions along the
 * timeline are derived per period, and what owners were told (alerts and corrections) is kept so a
 * re-judged period that was alerted gets a correction.
 */
export class CurrentJudgements1732300000307 implements MigrationInterface {
  name = 'CurrentJudgements1732300000307';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE goals.evaluations
               ADD COLUMN kind text NOT NULL DEFAULT 'judgement' CHECK (kind IN ('judgement', 'staleness')),
               ADD COLUMN superseded_at timestamptz`);
    await q(`UPDATE goals.evaluations SET kind = 'staleness' WHERE reason = 'stale' AND raw_state = 'stale'`);
    await q(`UPDATE goals.evaluations e SET superseded_at = e.evaluated_at
               FROM (SELECT id, row_number() OVER (PARTITION BY goal_id, period ORDER BY evaluated_at DESC, id DESC) AS n
                       FROM goals.evaluations WHERE kind = 'judgement') ranked
              WHERE ranked.id = e.id AND ranked.n > 1`);
    await q(
      `CREATE UNIQUE INDEX evaluations_current ON goals.evaluations (goal_id, period) WHERE kind = 'judgement' AND superseded_at IS NULL`,
    );
    await q(`
      CREATE TABLE goals.goal_transitions (
        goal_id uuid NOT NULL REFERENCES goals.goals(id),
        period text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('breach', 'at_risk', 'recovery')),
        evaluation_id uuid NOT NULL REFERENCES goals.evaluations(id),
        PRIMARY KEY (goal_id, period)
      )`);
    await q(`INSERT INTO goals.goal_transitions (goal_id, period, from_state, to_state, kind, evaluation_id)
             SELECT goal_id, period, previous_state, state, transition, id FROM goals.evaluations
              WHERE kind = 'judgement' AND superseded_at IS NULL AND transition IN ('breach', 'at_risk', 'recovery')`);
    await q(`
      CREATE TABLE goals.goal_alerts (
        id uuid PRIMARY KEY,
        goal_id uuid NOT NULL REFERENCES goals.goals(id),
        period text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('breach', 'at_risk', 'recovery', 'correction')),
        state text NOT NULL,
        event_id uuid NOT NULL,
        explanation jsonb NOT NULL,
        told_at timestamptz NOT NULL DEFAULT now(),
        corrected_at timestamptz,
        corrected_by_event_id uuid
      )`);
    await q(`CREATE INDEX goal_alerts_uncorrected ON goals.goal_alerts (goal_id, period) WHERE corrected_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE goals.goal_alerts');
    await queryRunner.query('DROP TABLE goals.goal_transitions');
    await queryRunner.query('DROP INDEX goals.evaluations_current');
    await queryRunner.query('ALTER TABLE goals.evaluations DROP COLUMN kind, DROP COLUMN superseded_at');
  }
}
