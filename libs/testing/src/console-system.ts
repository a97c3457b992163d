import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, TestSmtpServer, TestWebhookReceiver } from './mail-and-webhooks';
import { repoRoot } from './repo-root';
import { ServiceProcess, startServiceProcess } from './service-process';
import { createTestWorld, TestWorld } from './test-env';

const run = promisify(execFile);
export const CONSOLE_SERVICES = ['ingest', 'indicators', 'goals', 'notifications'] as const;
export type ConsoleServiceName = (typeof CONSOLE_SERVICES)[number];

export interface ConsoleUserSpec {
  email: string;
  name: string;
  role: 'viewer' | 'operator' | 'admin';
  /** '*' or comma-separated codes. */
  municipalities?: string;
  password: string;
  ownerId?: string;
  recipientId?: string;
}

export interface ConsoleSystem {
  world: TestWorld;
  smtp: TestSmtpServer;
  receiver: TestWebhookReceiver;
  receiverUrl: string;
  urls: Record<ConsoleServiceName, string>;
  consoleUrl: string;
  processes: ServiceProcess[];
  /** Creates a console user with the console's own CLI (as `npm start` does); returns its id. */
  createUser(user: ConsoleUserSpec): Promise<string>;
  stop(): Promise<void>;
}

/** 32+ characters; the same value in the console and the four services. */
const TOKEN_SECRET = 'test-console-token-secret-0123456789abcdef';

/**
 * The whole system for a browser test: a test database and topic prefix, a real SMTP server and
 * webhook receiver, the four built services and the built console, each its own process, wired
 * as `npm start` wires them (user tokens, goal links to the console). One start per test file.
 */
export async function startConsoleSystem(extraEnv: Record<string, string> = {}): Promise<ConsoleSystem> {
  const smtp = new TestSmtpServer();
  const receiver = new TestWebhookReceiver();
  const smtpUrl = await smtp.start();
  const receiverUrl = await receiver.start();
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const world = await createTestWorld({
    SMTP_URL: smtpUrl,
    WEBHOOK_SIGNING_SECRET: 'test-webhook-signing-secret',
    ACK_LINK_SECRET: 'test-ack-link-secret-xx',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    ALERT_GROUP_WINDOW_MS: '1000',
    CONSOLE_TOKEN_SECRET: TOKEN_SECRET,
    GOAL_LINK_TEMPLATE: `${consoleUrl}/goals/{goalId}`,
    ...extraEnv,
  });
  const processes: ServiceProcess[] = [];
  const urls = {} as Record<ConsoleServiceName, string>;
  try {
    for (const name of CONSOLE_SERVICES) {
      const service = await startServiceProcess(name, world.env);
      processes.push(service);
      urls[name] = service.baseUrl;
    }
    const consoleEnv = {
      ...world.env,
      INGEST_URL: urls.ingest,
      INDICATORS_URL: urls.indicators,
      GOALS_URL: urls.goals,
      NOTIFICATIONS_URL: urls.notifications,
      SESSION_SECRET: 'test-session-secret-0123456789abcdefghij',
      COOKIE_SECURE: 'false',
      PUBLIC_URL: consoleUrl,
      MAIL_FROM: 'Pejling <console@pejling.test>',
      REFRESH_EVERY_SECONDS: '2',
    };
    processes.push(await startServiceProcess('console', consoleEnv, { port: consolePort }));
  } catch (error) {
    await Promise.all(processes.map((service) => service.stop()));
    await Promise.all([smtp.stop(), receiver.stop(), world.cleanup()]);
    throw error;
  }
  return {
    world,
    smtp,
    receiver,
    receiverUrl,
    urls,
    consoleUrl,
    processes,
    createUser: (user) => createConsoleUser(world.databaseUrl, user),
    async stop() {
      await Promise.all(processes.map((service) => service.stop()));
      await smtp.stop();
      await receiver.stop();
      await world.cleanup();
    },
  };
}

export async function createConsoleUser(databaseUrl: string, user: ConsoleUserSpec): Promise<string> {
  const args = [
    'create',
    '--email',
    user.email,
    '--name',
    user.name,
    '--role',
    user.role,
    '--municipalities',
    user.municipalities ?? '*',
    '--password',
    user.password,
  ];
  if (user.ownerId) args.push('--owner-id', user.ownerId);
  if (user.recipientId) args.push('--recipient-id', user.recipientId);
  const { stdout } = await run(process.execPath, [path.join(repoRoot(), 'dist/apps/console/src/users/user-cli.js'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return (JSON.parse(stdout) as { id: string }).id;
}
