import { DataSourceOptions, MigrationInterface, QueryRunner } from 'typeorm';

/** API keys live in their own `access` schema: written by the CLI and the demo seed, read by every service's guard. */
export class CreateApiKeys1732300000000 implements MigrationInterface {
  name = 'CreateApiKeys1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'operator', 'integrator')),
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access.api_keys');
  }
}

/** The console's `viewer` role: read-only keys too. */
export class ViewerRole1764700000000 implements MigrationInterface {
  name = 'ViewerRole1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE access.api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check`);
    await queryRunner.query(
      `ALTER TABLE access.api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('admin', 'operator', 'viewer', 'integrator'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE access.api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check`);
    await queryRunner.query(
      `ALTER TABLE access.api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('admin', 'operator', 'integrator'))`,
    );
  }
}

export function accessDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: 'access',
    migrations: [CreateApiKeys1732300000000, ViewerRole1764700000000],
    migrationsTableName: 'migrations',
    synchronize: false,
  };
}
