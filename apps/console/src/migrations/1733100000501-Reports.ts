import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Committee reports: a draft per plan and period (made when the period's last figures are judged,
 * or on demand), the analyst's commentary per focus area, the approved PDF as it was sent
 * (archived, never re-rendered) and one row per committee recipient's email, so a send survives
 * a restart and is never repeated once it succeeded.
 */
export class Reports1733100000501 implements MigrationInterface {
  name = 'Reports1733100000501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE console.reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id text NOT NULL,
        municipality text NOT NULL,
        period_from text NOT NULL CHECK (period_from ~ '^\\d{4}-\\d{2}$'),
        period_to text NOT NULL CHECK (period_to ~ '^\\d{4}-\\d{2}$' AND period_to >= period_from),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
        trigger text NOT NULL CHECK (trigger IN ('figures', 'on-demand')),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        approved_by text,
        approved_at timestamptz,
        UNIQUE (plan_id, period_from, period_to)
      )`);
    await queryRunner.query(`CREATE INDEX reports_listing ON console.reports (municipality, period_to DESC)`);
    await queryRunner.query(`
      CREATE TABLE console.report_commentary (
        report_id uuid NOT NULL REFERENCES console.reports (id) ON DELETE CASCADE,
        focus_area text NOT NULL,
        text text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, focus_area)
      )`);
    await queryRunner.query(`
      CREATE TABLE console.report_archive (
        report_id uuid NOT NULL REFERENCES console.reports (id) ON DELETE CASCADE,
        lang text NOT NULL CHECK (lang IN ('da', 'en')),
        pdf bytea NOT NULL,
        html text NOT NULL,
        pages integer NOT NULL,
        render_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, lang)
      )`);
    await queryRunner.query(`
      CREATE TABLE console.report_sends (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES console.reports (id) ON DELETE CASCADE,
        recipient_name text NOT NULL,
        recipient_email text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        message_id text NOT NULL,
        last_error text,
        sent_at timestamptz,
        UNIQUE (report_id, recipient_email)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE console.report_sends, console.report_archive, console.report_commentary, console.reports`);
  }
}
