import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository's root, from the sources (libs/testing/src) or from the build (dist/libs/testing/src). */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${__dirname}`);
  }
}
