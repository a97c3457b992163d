import { ConsoleSchema1733100000500 } from './1733100000500-ConsoleSchema';

export const CONSOLE_MIGRATIONS = [ConsoleSchema1733100000500];
