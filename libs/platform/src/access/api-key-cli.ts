/* eslint-disable no-console -- a command-line tool talks on stdout */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { accessDataSourceOptions } from './access-migrations';
import { ApiKeysRepository } from './api-keys.repository';
import { ensureDatabase, runMigrations } from '../database/migrate';
import { isRole, ROLES } from './roles';

const USAGE = `Manage Pejling API keys (stored hashed in the access schema of DATABASE_URL).

  npm run apikey -- create --name <who> --role <${ROLES.join('|')}>   prints the new key once
  npm run apikey -- list
  npm run apikey -- revoke <id>`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' } },
  });
  const [command, id] = positionals;
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pejling';
  if (!['create', 'list', 'revoke'].includes(command ?? '')) return fail(USAGE);
  await ensureDatabase(url);
  await runMigrations([accessDataSourceOptions(url)]);
  const dataSource = await new DataSource(accessDataSourceOptions(url)).initialize();
  const apiKeys = new ApiKeysRepository(dataSource);
  try {
    if (command === 'create') {
      if (!values.name) return fail('--name is required');
      if (!values.role || !isRole(values.role)) return fail(`--role must be one of ${ROLES.join(', ')}`);
      const { key, record } = await apiKeys.create(values.name, values.role);
      process.stdout.write(`${JSON.stringify({ ...record, key }, null, 2)}\n`);
      console.error('Store the key now: it is kept only as a hash and cannot be shown again.');
    } else if (command === 'list') {
      console.table(await apiKeys.list());
    } else {
      if (!id) return fail('revoke needs the key id (see list)');
      if (!(await apiKeys.revoke(id))) return fail(`no active key with id ${id}`);
      process.stdout.write(`revoked ${id}\n`);
    }
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`apikey: ${(error as Error).message}`);
    process.exit(1);
  },
);
