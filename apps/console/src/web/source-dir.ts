import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The console's source folder (templates and assets live there, next to their pages). The build
 * (tsc) emits only JavaScript to dist/, so both the sources and the build find the templates here.
 */
export function consoleSourceDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return path.join(dir, 'apps/console/src');
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${__dirname}`);
  }
}
