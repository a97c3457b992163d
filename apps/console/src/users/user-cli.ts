/* eslint-disable no-console -- a command-line tool */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';
import { runMigrations } from '@pejling/platform';
import { consoleDataSourceOptions } from '../console-database';
import { hashPassword } from './password-hash';
import { newUserInput } from './user-input';
import { UsersRepository } from './users.repository';

/**
 * Creates a console user from the command line (the first admin, the demo users, test users):
 *   node dist/apps/console/src/users/user-cli.js create --email a@b.dk --name "A B" --role admin --municipalities '*' --password …
 * `--if-missing` leaves an existing user with that email as it is. Prints the user as JSON.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      municipalities: { type: 'string', default: '*' },
      password: { type: 'string' },
      'owner-id': { type: 'string' },
      'recipient-id': { type: 'string' },
      'if-missing': { type: 'boolean', default: false },
    },
  });
  if (positionals[0] !== 'create')
    throw new Error(
      'usage: user-cli create --email --name --role viewer|operator|admin --municipalities "*"|147,101 --password … [--owner-id] [--recipient-id] [--if-missing]',
    );
  const input = newUserInput().safeParse({ ...values, ownerId: values['owner-id'], recipientId: values['recipient-id'] });
  if (!input.success) throw new Error(input.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join('\n'));
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pejling';
  await runMigrations([consoleDataSourceOptions(databaseUrl)]);
  const dataSource = await new DataSource(consoleDataSourceOptions(databaseUrl)).initialize();
  try {
    const users = new UsersRepository(dataSource);
    const existing = await users.findByEmail(input.data.email);
    if (existing && values['if-missing']) return print(existing);
    if (existing) throw new Error(`a user with the email ${input.data.email} exists`);
    const { password, ...rest } = input.data;
    print(await users.insert({ ...rest, passwordHash: await hashPassword(password) }));
  } finally {
    await dataSource.destroy();
  }
}

function print(user: { id: string; email: string; role: string; municipalities: string[] }): void {
  console.log(JSON.stringify({ id: user.id, email: user.email, role: user.role, municipalities: user.municipalities }));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
