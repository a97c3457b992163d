import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './mail-and-webhooks';
import { waitUntil } from './kafka-probe';
import { repoRoot } from './repo-root';

// From the sources or from the build (scripts run dist/libs/testing).
const ROOT = repoRoot();

export interface ServiceProcess {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  /** Everything the process wrote to stdout and stderr since it started (its logs). */
  log(): string;
  /** SIGTERM and wait; resolves with the exit code (null if killed by a signal). */
  stop(): Promise<number | null>;
}

/**
 * Starts a built service (`dist/apps/<name>`, also `console`) as its own process on a free port (or
 * the given one, when others must know it first) and waits for /health.
 */
export async function startServiceProcess(
  name: string,
  env: Record<string, string>,
  options: { port?: number } = {},
): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [path.join(ROOT, `dist/apps/${name}/src/main.js`)], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitUntil(async () => (await fetch(`${baseUrl}/health`).catch(() => undefined))?.ok === true, 60_000, `${name} healthy`).catch(
    (error) => {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${output}`);
    },
  );
  return {
    name,
    baseUrl,
    child,
    output: () => output,
    log: () => log.join(''),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
