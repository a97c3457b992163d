import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's own schema: people who sign in, their sessions, password resets, failed sign-ins
 * (for throttling and lockout) and the audit log of every state change made through the console.
 * Plans, goals, episodes and figures stay in the services; the console never reads their schemas.
 */
export class ConsoleSchema1733100000500 implements MigrationInterface {
  name = 'ConsoleSchema1733100000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE console.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        -- 3-digit municipality codes the user may act on; '{*}' means all.
        municipalities text[] NOT NULL DEFAULT '{*}',
        owner_id uuid,
        recipient_id uuid,
        active boolean NOT NULL DEFAULT true,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email ON console.users (lower(email))`);
    await queryRunner.query(`
      CREATE TABLE console.sessions (
        -- SHA-256 (keyed with SESSION_SECRET) of the cookie's token; the token itself is never stored.
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES console.users(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sessions_user ON console.sessions (user_id)`);
    await queryRunner.query(`
      CREATE TABLE console.password_resets (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES console.users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE console.sign_in_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX sign_in_failures_email ON console.sign_in_failures (lower(email), at)`);
    await queryRunner.query(`CREATE INDEX sign_in_failures_ip ON console.sign_in_failures (ip, at)`);
    await queryRunner.query(`
      CREATE TABLE console.audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        municipality text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_at ON console.audit_log (at DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_actor ON console.audit_log (lower(actor_email), at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE console.audit_log, console.sign_in_failures, console.password_resets, console.sessions, console.users`,
    );
  }
}
