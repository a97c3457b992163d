import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications as an alert manager: episodes (one open breach or at-risk episode per goal, with
 * reminders and acknowledgements, and their history), routing rules and their recipients, silences,
 * grouped messages (a delivery carries one or more items, each unique by its idempotency key),
 * disabled endpoints and digests.
 */
export class Episodes1732300000401 implements MigrationInterface {
  name = 'Episodes1732300000401';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE notifications.alerts ALTER COLUMN goal_id DROP NOT NULL,
      ADD COLUMN kind text NOT NULL DEFAULT 'breach' CHECK (kind IN ('breach', 'at_risk', 'recovery', 'stale', 'data_quality')),
      ADD COLUMN outcome text, ADD COLUMN outcome_detail text, ADD COLUMN episode_id uuid, ADD COLUMN plan_id text, ADD COLUMN period text,
      ADD COLUMN historical boolean NOT NULL DEFAULT false`);
    await q(
      `UPDATE notifications.alerts SET kind = CASE transition WHEN 'recovery' THEN 'recovery' WHEN 'at_risk' THEN 'at_risk' ELSE 'breach' END, outcome = 'delivered'`,
    );
    await q(`CREATE INDEX alerts_by_goal ON notifications.alerts (goal_id, created_at)`);
    await q(`
      CREATE TABLE notifications.recipients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        email text, webhook_url text, teams_webhook_url text, slack_webhook_url text,
        language text NOT NULL DEFAULT 'da' CHECK (language IN ('da', 'en')),
        time_zone text NOT NULL DEFAULT 'Europe/Copenhagen',
        digest text NOT NULL DEFAULT 'off' CHECK (digest IN ('off', 'daily', 'weekly')),
        digest_hour integer NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`
      CREATE TABLE notifications.routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        plan_id text, municipality char(3), focus_area text, goal_id uuid,
        severities text[] NOT NULL DEFAULT '{}',
        kinds text[] NOT NULL DEFAULT '{}',
        recipient_ids uuid[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        position serial,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`
      CREATE TABLE notifications.episodes (
        id uuid PRIMARY KEY,
        goal_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('breach', 'at_risk')),
        status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        municipality char(3) NOT NULL,
        plan_id text,
        opened_alert_id uuid NOT NULL REFERENCES notifications.alerts(id),
        last_alert_id uuid NOT NULL REFERENCES notifications.alerts(id),
        opened_at timestamptz NOT NULL,
        recipients jsonb NOT NULL,
        next_reminder_at timestamptz,
        reminders_sent integer NOT NULL DEFAULT 0,
        acknowledged_at timestamptz, acknowledged_by text, acknowledgement_note text, acknowledged_via text,
        resolved_at timestamptz, resolved_alert_id uuid REFERENCES notifications.alerts(id), resolution text
      )`);
    await q(
      `CREATE UNIQUE INDEX episodes_one_open_per_goal ON notifications.episodes (goal_id, kind) WHERE status IN ('open', 'acknowledged')`,
    );
    await q(`CREATE INDEX episodes_due_reminders ON notifications.episodes (next_reminder_at) WHERE status = 'open'`);
    await q(`
      CREATE TABLE notifications.episode_events (
        id bigserial PRIMARY KEY,
        episode_id uuid NOT NULL REFERENCES notifications.episodes(id),
        type text NOT NULL,
        at timestamptz NOT NULL,
        actor text,
        note text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q(`CREATE INDEX episode_events_by_episode ON notifications.episode_events (episode_id, id)`);
    await q(`
      CREATE TABLE notifications.silences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id text, goal_id uuid, municipality char(3),
        starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        time_zone text NOT NULL,
        reason text NOT NULL,
        author text NOT NULL,
        created_by_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expired_at timestamptz,
        CHECK (plan_id IS NOT NULL OR goal_id IS NOT NULL OR municipality IS NOT NULL)
      )`);
    await q(`ALTER TABLE notifications.deliveries DROP CONSTRAINT deliveries_alert_id_channel_target_key,
      DROP CONSTRAINT deliveries_channel_check, DROP CONSTRAINT deliveries_status_check, ALTER COLUMN alert_id DROP NOT NULL,
      ADD COLUMN recipient jsonb, ADD COLUMN group_key text, ADD COLUMN dedup_key text UNIQUE, ADD COLUMN municipality char(3),
      ADD COLUMN endpoint_key text, ADD COLUMN sending_since timestamptz, ADD COLUMN digest jsonb`);
    await q(`UPDATE notifications.deliveries SET status = 'dead' WHERE status = 'failed'`);
    await q(`UPDATE notifications.deliveries d SET municipality = a.municipality FROM notifications.alerts a WHERE a.id = d.alert_id`);
    await q(`ALTER TABLE notifications.deliveries
      ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('email', 'webhook', 'teams', 'slack')),
      ADD CONSTRAINT deliveries_status_check CHECK (status IN ('grouping', 'pending', 'sending', 'retrying', 'delivered', 'dead', 'skipped'))`);
    await q(`CREATE UNIQUE INDEX deliveries_one_open_group ON notifications.deliveries (group_key) WHERE status = 'grouping'`);
    await q(`CREATE INDEX deliveries_by_created ON notifications.deliveries (created_at DESC)`);
    await q(`
      CREATE TABLE notifications.notification_items (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        delivery_id uuid NOT NULL REFERENCES notifications.deliveries(id),
        alert_id uuid REFERENCES notifications.alerts(id),
        episode_id uuid REFERENCES notifications.episodes(id),
        step text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE INDEX notification_items_by_delivery ON notifications.notification_items (delivery_id)`);
    await q(`CREATE INDEX notification_items_by_alert ON notifications.notification_items (alert_id)`);
    await q(`INSERT INTO notifications.notification_items (id, idempotency_key, delivery_id, alert_id, step)
             SELECT gen_random_uuid(), 'legacy|' || d.id, d.id, d.alert_id, 'opened' FROM notifications.deliveries d WHERE d.alert_id IS NOT NULL`);
    await q(`ALTER TABLE notifications.delivery_attempts DROP CONSTRAINT delivery_attempts_outcome_check,
      ADD CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('success', 'failure', 'in-doubt', 'refused', 'skipped'))`);
    await q(`
      CREATE TABLE notifications.disabled_endpoints (
        endpoint_key text PRIMARY KEY,
        channel text NOT NULL,
        target text NOT NULL,
        status_code integer NOT NULL,
        reason text NOT NULL,
        delivery_id uuid NOT NULL,
        recipient_key text NOT NULL,
        disabled_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'disabled_endpoints',
      'notification_items',
      'silences',
      'episode_events',
      'episodes',
      'routing_rules',
      'recipients',
    ]) {
      await queryRunner.query(`DROP TABLE notifications.${table}`);
    }
    await queryRunner.query(
      `DELETE FROM notifications.delivery_attempts WHERE delivery_id IN (SELECT id FROM notifications.deliveries WHERE alert_id IS NULL)`,
    );
    await queryRunner.query(`DELETE FROM notifications.deliveries WHERE alert_id IS NULL`);
    await queryRunner.query(
      `UPDATE notifications.deliveries SET status = 'failed' WHERE status NOT IN ('pending', 'retrying', 'delivered')`,
    );
    await queryRunner.query(`ALTER TABLE notifications.deliveries DROP COLUMN recipient, DROP COLUMN group_key, DROP COLUMN dedup_key, DROP COLUMN municipality,
      DROP COLUMN endpoint_key, DROP COLUMN sending_since, DROP COLUMN digest, DROP CONSTRAINT deliveries_channel_check, DROP CONSTRAINT deliveries_status_check`);
    await queryRunner.query(`ALTER TABLE notifications.alerts DROP COLUMN kind, DROP COLUMN outcome, DROP COLUMN outcome_detail, DROP COLUMN episode_id,
      DROP COLUMN plan_id, DROP COLUMN period, DROP COLUMN historical`);
  }
}
