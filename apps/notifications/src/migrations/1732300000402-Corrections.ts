import { MigrationInterface, QueryRunner } from 'typeorm';

/** Goals corrects a period it alerted about when it is judged differently now: a correction is an alert kind of its own. */
export class Corrections1732300000402 implements MigrationInterface {
  name = 'Corrections1732300000402';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications.alerts DROP CONSTRAINT alerts_kind_check,
      ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('breach', 'at_risk', 'recovery', 'stale', 'data_quality', 'correction'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications.alerts DROP CONSTRAINT alerts_kind_check,
      ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('breach', 'at_risk', 'recovery', 'stale', 'data_quality'))`);
  }
}
