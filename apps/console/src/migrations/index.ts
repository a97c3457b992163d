import { ConsoleSchema1733100000500 } from './1733100000500-ConsoleSchema';
import { Reports1733100000501 } from './1733100000501-Reports';

export const CONSOLE_MIGRATIONS = [ConsoleSchema1733100000500, Reports1733100000501];
