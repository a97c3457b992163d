import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrators' webhook subscriptions (Standard Webhooks signatures, CloudEvents HTTP binding), the
 * public events notifications stores for them (replay reads these, not Kafka's retention), their
 * delivery log, and per-endpoint secrets for owners' and recipients' own webhooks. Secrets are
 * sealed (AES-256-GCM) by the service; this migration never sees one.
 */
export class WebhookSubscriptions1732300000410 implements MigrationInterface {
  name = 'WebhookSubscriptions1732300000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications.subscriptions (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        event_types text[] NOT NULL,
        municipalities char(3)[],
        description text NOT NULL,
        contact_email text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        consecutive_failures integer NOT NULL DEFAULT 0,
        disabled_at timestamptz,
        disabled_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE notifications.webhook_endpoints (
        id uuid PRIMARY KEY,
        url text NOT NULL UNIQUE,
        legacy_signature boolean NOT NULL,
        registered_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per secret; a rotation gives the old one an expiry (the overlap) and adds the new one.
    await queryRunner.query(`
      CREATE TABLE notifications.signing_secrets (
        id uuid PRIMARY KEY,
        subscription_id uuid REFERENCES notifications.subscriptions(id) ON DELETE CASCADE,
        endpoint_id uuid REFERENCES notifications.webhook_endpoints(id) ON DELETE CASCADE,
        key_id text NOT NULL,
        sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        CHECK ((subscription_id IS NULL) <> (endpoint_id IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX signing_secrets_by_subscription ON notifications.signing_secrets (subscription_id) WHERE subscription_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX signing_secrets_by_endpoint ON notifications.signing_secrets (endpoint_id) WHERE endpoint_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE notifications.public_events (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        version integer NOT NULL,
        source text NOT NULL,
        municipality char(3) NOT NULL,
        time timestamptz NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX public_events_by_time ON notifications.public_events (time, id)`);
    await queryRunner.query(`
      CREATE TABLE notifications.subscription_deliveries (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES notifications.subscriptions(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES notifications.public_events(id),
        replay boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'retrying', 'delivered', 'dead', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        sending_since timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    // An event is delivered live once per subscription; replays add deliveries of their own.
    await queryRunner.query(
      `CREATE UNIQUE INDEX subscription_deliveries_live ON notifications.subscription_deliveries (subscription_id, event_id) WHERE NOT replay`,
    );
    await queryRunner.query(
      `CREATE INDEX subscription_deliveries_by_subscription ON notifications.subscription_deliveries (subscription_id, created_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE notifications.subscription_delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES notifications.subscription_deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'refused', 'skipped')),
        status_code integer,
        detail text NOT NULL
      )`);
    // Existing receivers keep the old Pejling-Signature header until their owner switches it off.
    await queryRunner.query(`
      INSERT INTO notifications.webhook_endpoints (id, url, legacy_signature, registered_by)
      SELECT gen_random_uuid(), target, true, 'migration' FROM (SELECT DISTINCT target FROM notifications.deliveries WHERE channel = 'webhook') t
      ON CONFLICT (url) DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'subscription_delivery_attempts',
      'subscription_deliveries',
      'public_events',
      'signing_secrets',
      'webhook_endpoints',
      'subscriptions',
    ]) {
      await queryRunner.query(`DROP TABLE notifications.${table}`);
    }
  }
}
