import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { accessDataSourceOptions, ApiKeysRepository } from '@pejling/platform';
import { createTestWorld, TestWorld } from '@pejling/testing';

const CLI = path.resolve(__dirname, '../../dist/libs/platform/src/access/api-key-cli.js');

/** `npm run apikey -- create|list|revoke` against a real database. */
describe('API key CLI', () => {
  let world: TestWorld;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: world.databaseUrl }, encoding: 'utf8' });

  beforeAll(async () => {
    world = await createTestWorld();
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('creates a key shown once, stores only its hash, lists and revokes it', async () => {
    const created = run('create', '--name', 'BI team', '--role', 'integrator');
    expect(created.status).toBe(0);
    const { id, key, role, name } = JSON.parse(created.stdout);
    expect({ role, name }).toEqual({ role: 'integrator', name: 'BI team' });
    expect(key).toMatch(/^pjl_[A-Za-z0-9_-]{43}$/);

    const dataSource = await new DataSource(accessDataSourceOptions(world.databaseUrl)).initialize();
    try {
      const [stored] = await dataSource.query('SELECT key_hash FROM access.api_keys WHERE id = $1', [id]);
      expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.key_hash).not.toContain(key);
      expect(await new ApiKeysRepository(dataSource).findActive(key)).toMatchObject({ id, role: 'integrator' });

      expect(run('list').stdout).toContain('BI team');
      expect(run('revoke', id).status).toBe(0);
      expect(await new ApiKeysRepository(dataSource).findActive(key)).toBeUndefined();
    } finally {
      await dataSource.destroy();
    }
  });

  it('refuses a bad role or command with a clear message', () => {
    const badRole = run('create', '--name', 'x', '--role', 'superuser');
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of admin, operator, viewer, integrator/);
    expect(run('frobnicate').stderr).toMatch(/Manage Pejling API keys/);
  });
});
