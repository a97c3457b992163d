import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@pejling/testing';

const run = promisify(execFile);

/**
 * The chaos suite, shortened to fit the test run: `bench/chaos.mjs` on a 12-month national file
 * (29.400 figures) instead of ten years. It runs the backfill with live alerts to a real SMTP server
 * and webhook receiver twice, clean and while each service is killed with SIGKILL and restarted, the
 * broker is restarted and PostgreSQL is restarted (its own broker, PostgreSQL and Redis), and exits
 * 0 only when the results are identical and nothing was lost or doubled. `npm run chaos` runs it on
 * the full ten years.
 */
describe('chaos suite, shortened (12 months of national figures)', () => {
  const root = repoRoot();
  const dir = mkdtempSync(path.join(tmpdir(), 'pejling-chaos-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses and doubles nothing when every part is killed or restarted during a backfill', async () => {
    await run(process.execPath, [path.join(root, 'bench/generate-history.mjs'), dir, '12'], { cwd: root });
    const result = await run(process.execPath, [path.join(root, 'bench/chaos.mjs'), path.join(dir, 'history.csv')], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`chaos suite failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    expect(result.stdout).toMatch(/\| results vs clean run .*\| reference\s+\| identical\s+\|/);
    expect(result.stdout).toMatch(/\| lost\s+\| 0\s+\| 0\s+\|/);
    expect(result.stdout).toMatch(/\| duplicated\s+\| 0\s+\| 0\s+\|/);
    for (const fault of [
      'kill -9 ingest',
      'kill -9 indicators',
      'kill -9 goals',
      'kill -9 notifications',
      'restart the broker',
      'restart PostgreSQL',
    ])
      expect(result.stdout).toContain(`| ${fault}`);
    expect(result.stdout).toContain('lost 0, duplicated 0: PASS');
  }, 1_200_000);
});
