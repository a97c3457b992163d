import { serviceDataSourceOptions } from '@pejling/platform';
import { CONSOLE_MIGRATIONS } from './migrations';

/** The console's own schema `console` (users, sessions, password resets, sign-in failures, audit log). */
export function consoleDataSourceOptions(databaseUrl: string) {
  return serviceDataSourceOptions({ url: databaseUrl, schema: 'console', entities: [], migrations: CONSOLE_MIGRATIONS });
}
