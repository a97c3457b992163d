import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitUntil } from './kafka-probe';
import { freePort } from './mail-and-webhooks';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user of the machine's own install. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, a free port), so an outage
 * test can stop and start it without touching the machine's shared server.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the admin URL (trust auth). */
  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'pejling-pg-'));
    if (process.getuid?.() === 0) chownSync(dir, ...postgresUser());
    await run(...asPostgres('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']));
    const server = new PrivatePostgres(await freePort(), dir);
    await server.resume();
    return server;
  }

  /** Starts the stopped server again on the same port and data. */
  async resume(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await run(
      ...asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-o', options, '-w', '-t', '60', 'start']),
    );
  }

  /** Stops it as an outage would: `immediate` drops every connection at once, without a checkpoint. */
  async stop(mode: 'fast' | 'immediate' = 'immediate'): Promise<void> {
    await run(...asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', '-t', '60', 'stop']));
  }

  async remove(): Promise<void> {
    await this.stop('fast').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function postgresUser(): [number, number] {
  // The postgres user's numbers differ between machines.
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return [uid, gid];
}

/** A Redis server of the test's own on a free port, keeping nothing on disk, that a test can stop and start. */
export class PrivateRedis {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const server = new PrivateRedis(await freePort());
    await server.resume();
    return server;
  }

  async resume(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.process = child;
    const answers = async () =>
      (await run('redis-cli', ['-p', String(this.port), 'ping']).catch(() => ({ stdout: '' }))).stdout.includes('PONG');
    await waitUntil(answers, 15_000, `redis-server on port ${this.port}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  remove(): Promise<void> {
    return this.stop();
  }
}
