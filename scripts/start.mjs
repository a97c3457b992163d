#!/usr/bin/env node
// `npm start`: brings the whole system up on this machine with a demo goal.
// Starts Kafka if nothing answers at KAFKA_BROKERS, checks PostgreSQL and Redis, builds,
// migrates, creates demo API keys, starts an SMTP sink with a web inbox (unless SMTP_URL is
// set) and a webhook receiver, starts the four services and the console, seeds one demo goal
// and two console users (an admin, and an operator scoped to Frederiksberg), and imports
// plans/frederiksberg-2022.yaml for the public transparency page (/offentlig/147).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBroker } from './kafka.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// PEJLING_STATE_DIR (default .pejling) holds the demo's keys, secrets and logs; a test run points it elsewhere
// so it never overwrites a developer's demo keys.
const STATE_HOME = path.resolve(ROOT, process.env.PEJLING_STATE_DIR ?? '.pejling');
const STATE = path.join(STATE_HOME, 'demo');
const LOGS = path.join(STATE_HOME, 'logs');
// As printed (relative to the repository, as the README's commands use them).
const DEMO_DIR = path.relative(ROOT, STATE) || '.';
const LOGS_DIR = path.relative(ROOT, LOGS) || '.';
const require = createRequire(import.meta.url);

const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pejling',
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};
// Ports: the defaults (3001–3005, SMTP 1025, inbox 1080, receiver 4000) unless overridden, so a test run
// (test/e2e/console-walk.e2e-spec.ts) can start next to a developer's demo without a clash.
const portFromEnv = (name, fallback) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}: must be a port number (got '${value}')`);
  return port;
};
const PORT_BASE = portFromEnv('PEJLING_PORT_BASE', 3000);
const SERVICES = [
  { name: 'ingest', port: PORT_BASE + 1 },
  { name: 'indicators', port: PORT_BASE + 2 },
  { name: 'goals', port: PORT_BASE + 3 },
  { name: 'notifications', port: PORT_BASE + 4 },
];
const serviceUrl = (name) => `http://127.0.0.1:${SERVICES.find((service) => service.name === name).port}`;
const CONSOLE_PORT = PORT_BASE + 5;
const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;
const SMTP_PORT = portFromEnv('PEJLING_SMTP_PORT', 1025);
const INBOX_PORT = portFromEnv('PEJLING_INBOX_PORT', 1080);
const WEBHOOK_PORT = portFromEnv('PEJLING_RECEIVER_PORT', 4000);
const RECEIVER_URL = `http://127.0.0.1:${WEBHOOK_PORT}`;
// Demo sign-ins, printed at the end (created once; change them in the console's user admin).
const DEMO_USERS = [
  { email: 'admin@pejling.local', name: 'Demo Admin', role: 'admin', municipalities: '*', password: 'pejling-admin-demo' },
  {
    email: 'operator@frederiksberg.local',
    name: 'Demo Operatør Frederiksberg',
    role: 'operator',
    municipalities: '147',
    password: 'pejling-operator-demo',
    linkOwner: true,
  },
];
const children = [];

async function main() {
  fs.mkdirSync(STATE, { recursive: true });
  fs.mkdirSync(LOGS, { recursive: true });
  await requireTcp(env.DATABASE_URL, 5432, 'PostgreSQL', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
  await requireTcp(
    env.REDIS_URL,
    6379,
    'Redis',
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no',
  );
  await ensureBroker({ brokers: env.KAFKA_BROKERS, log: (line) => console.log(`[kafka] ${line}`) });

  await requireFreePorts();
  ensureChromium();

  // PEJLING_SKIP_BUILD=1 uses dist as it is (the walk test runs after `npm test`'s build).
  if (process.env.PEJLING_SKIP_BUILD === '1') step('using the existing build (PEJLING_SKIP_BUILD=1)');
  else {
    step('building (tsc)');
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }

  const platform = require(path.join(ROOT, 'dist/libs/platform/src/index.js'));
  const contracts = require(path.join(ROOT, 'dist/libs/contracts/src/index.js'));
  step('database and API keys');
  await platform.ensureDatabase(env.DATABASE_URL);
  const keys = await demoKeys(platform);

  const smtp = await smtpSink();
  const secret = persisted('webhook-signing-secret', () => randomBytes(24).toString('base64url'));
  const ackSecret = persisted('ack-link-secret', () => randomBytes(24).toString('base64url'));
  // The console signs a short-lived user token per request with this; the services verify it.
  const consoleTokenSecret = persisted('console-token-secret', () => randomBytes(32).toString('base64url'));
  const sessionSecret = persisted('console-session-secret', () => randomBytes(32).toString('base64url'));
  const secretsKey = persisted('secrets-key', () => `demo:${randomBytes(32).toString('base64')}`);
  const received = startWebhookReceiver(contracts, secret);

  for (const service of SERVICES) {
    const log = fs.openSync(path.join(LOGS, `${service.name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(ROOT, `dist/apps/${service.name}/src/main.js`)], {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        // The demo replays figures from 2021, which the publication calendar would rightly call stale
        // and (for alerts) history: both checks are off here.
        STALENESS_CHECK_EVERY_MS: '0',
        MARK_HISTORICAL_TRANSITIONS: 'false',
        // Messages to people are grouped for 5 s instead of 30 s, so the demo's email comes quickly.
        ALERT_GROUP_WINDOW_MS: '5000',
        ...process.env,
        ...env,
        PORT: String(service.port),
        SMTP_URL: smtp.url,
        WEBHOOK_SIGNING_SECRET: secret,
        ACK_LINK_SECRET: ackSecret,
        SECRETS_KEY: secretsKey,
        // The demo receiver listens on 127.0.0.1, which the SSRF guard refuses unless allowed.
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        PUBLIC_URL: serviceUrl('notifications'),
        // Every message's "open the goal" link goes to the console's goal page.
        GOAL_LINK_TEMPLATE: `${CONSOLE_URL}/goals/{goalId}`,
        CONSOLE_TOKEN_SECRET: consoleTokenSecret,
      },
    });
    child.on('exit', (code, signal) => {
      if (!shuttingDown) console.error(`[${service.name}] exited (${signal ?? code}); see ${LOGS_DIR}/${service.name}.log`);
    });
    children.push(child);
  }
  step('waiting for the services to report healthy');
  for (const service of SERVICES) await waitHealthy(service);

  const goal = await seedDemoGoal(keys.admin, keys.integrator);
  await seedDemoPlan(keys.admin);
  await createDemoUsers(goal);
  startConsole({ consoleTokenSecret, sessionSecret, smtp });
  await waitHealthy({ name: 'console', port: CONSOLE_PORT });
  printWelcome(keys, smtp, goal, received);
}

/** The console (3005): the web UI for people, calling the services with the signed-in user's token. */
function startConsole({ consoleTokenSecret, sessionSecret, smtp }) {
  const log = fs.openSync(path.join(LOGS, 'console.log'), 'a');
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/console/src/main.js')], {
    cwd: ROOT,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      ...env,
      PORT: String(CONSOLE_PORT),
      INGEST_URL: serviceUrl('ingest'),
      INDICATORS_URL: serviceUrl('indicators'),
      GOALS_URL: serviceUrl('goals'),
      NOTIFICATIONS_URL: serviceUrl('notifications'),
      CONSOLE_TOKEN_SECRET: consoleTokenSecret,
      SESSION_SECRET: sessionSecret,
      PUBLIC_URL: CONSOLE_URL,
      // Plain HTTP on this machine: Secure cookies would not be sent back.
      COOKIE_SECURE: 'false',
      SMTP_URL: smtp.url,
    },
  });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) console.error(`[console] exited (${signal ?? code}); see ${LOGS_DIR}/console.log`);
  });
  children.push(child);
}

/** The two demo sign-ins, made with the console's user CLI; the operator is linked to the demo goal's owner. */
async function createDemoUsers(goal) {
  const ownerId = goal.owner?.id ?? goal.owners?.[0]?.id;
  for (const user of DEMO_USERS) {
    const args = [
      'create',
      '--if-missing',
      '--email',
      user.email,
      '--name',
      user.name,
      '--role',
      user.role,
      '--municipalities',
      user.municipalities,
      '--password',
      user.password,
    ];
    if (user.linkOwner && ownerId) args.push('--owner-id', ownerId);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/console/src/users/user-cli.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`creating the demo user ${user.email} failed: ${result.stderr}`);
  }
}

/**
 * The browser tests (and later the PDF reports) need Chromium. Debian's package is installed with apt when it
 * is missing and we may (root, apt-get present); otherwise we say how. Never fatal: the demo runs without it.
 */
function ensureChromium() {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(executable)) return;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!hasApt || !isRoot) {
    console.log(
      `\n[chromium] not found at ${executable}; the browser tests need it. Install it with: ${hasApt ? 'sudo apt-get install -y chromium' : "your system's package manager (Debian: apt-get install chromium)"}, or set CHROMIUM_PATH.`,
    );
    return;
  }
  step('installing chromium (apt-get; the browser tests need it)');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: aptEnv }).status === 0;
  const ok = install() || (spawnSync('apt-get', ['update'], { stdio: 'inherit', env: aptEnv }).status === 0 && install());
  if (!ok) console.log('[chromium] apt-get could not install chromium; the demo runs without it, the browser tests will not.');
}

function step(message) {
  console.log(`\n▸ ${message}`);
}

async function requireTcp(url, defaultPort, what, startCommand) {
  const { hostname, port } = new URL(url);
  const ok = await new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
  if (!ok) throw new Error(`${what} does not answer at ${url}. Start it (on this machine: ${startCommand}) or set the URL.`);
}

/** A port already taken (say, by another `npm start`) would make a service fail while /health answers from the other one. */
async function requireFreePorts() {
  const ports = [
    ...SERVICES.map((service) => service.port),
    CONSOLE_PORT,
    WEBHOOK_PORT,
    ...(process.env.SMTP_URL ? [] : [SMTP_PORT, INBOX_PORT]),
  ];
  for (const port of ports) {
    const free = await new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free)
      throw new Error(
        `port ${port} on 127.0.0.1 is in use (another npm start?). Stop it, or move this run with PEJLING_PORT_BASE (services at base+1…base+5), PEJLING_SMTP_PORT, PEJLING_INBOX_PORT, PEJLING_RECEIVER_PORT.`,
      );
  }
}

function persisted(name, make) {
  const file = path.join(STATE, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const value = make();
  fs.writeFileSync(file, value, { mode: 0o600 });
  return value;
}

/** One key per role, created once and kept in .pejling/demo/<role>.key (recreated if the database was reset). */
async function demoKeys(platform) {
  const { DataSource } = require('typeorm');
  await platform.runMigrations([platform.accessDataSourceOptions(env.DATABASE_URL)]);
  const dataSource = await new DataSource(platform.accessDataSourceOptions(env.DATABASE_URL)).initialize();
  try {
    const keys = {};
    const apiKeys = new platform.ApiKeysRepository(dataSource);
    for (const role of ['admin', 'operator', 'integrator']) {
      const file = path.join(STATE, `${role}.key`);
      const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
      if (existing && (await apiKeys.findActive(existing))) keys[role] = existing;
      else {
        keys[role] = (await apiKeys.create(`demo-${role}`, role)).key;
        fs.writeFileSync(file, keys[role], { mode: 0o600 });
      }
    }
    return keys;
  } finally {
    await dataSource.destroy();
  }
}

/** Uses SMTP_URL if set; otherwise starts MailDev (SMTP on 1025, web inbox on 1080). */
async function smtpSink() {
  if (process.env.SMTP_URL) return { url: process.env.SMTP_URL, inbox: undefined };
  // maildev's "exports" hides package.json, so read its bin entry from disk.
  const home = path.join(ROOT, 'node_modules/maildev');
  const manifest = JSON.parse(fs.readFileSync(path.join(home, 'package.json'), 'utf8'));
  const bin = path.join(home, typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.maildev);
  const log = fs.openSync(path.join(LOGS, 'maildev.log'), 'a');
  const child = spawn(process.execPath, [bin, '--smtp', String(SMTP_PORT), '--web', String(INBOX_PORT), '--ip', '127.0.0.1'], {
    stdio: ['ignore', log, log],
  });
  children.push(child);
  const inbox = `http://127.0.0.1:${INBOX_PORT}`;
  await waitFor(async () => (await fetch(`${inbox}/email`).catch(() => undefined))?.ok === true, 20_000, 'MailDev');
  return { url: `smtp://127.0.0.1:${SMTP_PORT}`, inbox };
}

/** A real HTTP receiver for the demo goal's webhook that checks every signature. */
function startWebhookReceiver(contracts, secret) {
  const received = [];
  const server = http.createServer((request, response) => {
    if (request.method === 'GET') {
      response.setHeader('content-type', 'application/json');
      return response.end(JSON.stringify(received, null, 2));
    }
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const check = contracts.verifyWebhookSignature(
        secret,
        body,
        request.headers[contracts.SIGNATURE_HEADER],
        Math.floor(Date.now() / 1000),
      );
      const event = JSON.parse(body);
      received.push({ receivedAt: new Date().toISOString(), path: request.url, signature: check.ok ? 'valid' : check.reason, body: event });
      if (event.type === 'message' && event.attachments) {
        const card = event.attachments[0]?.content;
        console.log(
          `[teams] Adaptive Card ${card?.version} at ${request.url}: "${card?.body?.[0]?.text}", signature ${check.ok ? 'valid' : check.reason}`,
        );
      } else {
        console.log(
          `[webhook] ${event.type} (${event.step}) for "${event.data?.goalName}" (${event.data?.period}), signature ${check.ok ? 'valid' : check.reason}`,
        );
      }
      response.statusCode = check.ok ? 204 : 401;
      response.end();
    });
  });
  server.listen(WEBHOOK_PORT, '127.0.0.1');
  return RECEIVER_URL;
}

async function waitHealthy(service) {
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${service.port}/health`).catch(() => undefined))?.ok === true,
    90_000,
    `${service.name} /health`,
  );
  console.log(`  ${service.name.padEnd(13)} http://127.0.0.1:${service.port}  healthy`);
}

async function seedDemoGoal(adminKey, integratorKey) {
  const goal = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/goal.json'), 'utf8'));
  // demo/goal.json names the default receiver (port 4000); point the owner at the one this run started.
  for (const field of ['webhookUrl', 'teamsWebhookUrl'])
    if (goal.owner[field]) goal.owner[field] = goal.owner[field].replace('http://127.0.0.1:4000', RECEIVER_URL);
  const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  // The owner's channels (email, webhook, Teams) are set on every start, also for a goal seeded by an older version.
  const owner = await fetch(`${serviceUrl('goals')}/v1/owners`, { method: 'POST', headers, body: JSON.stringify(goal.owner) });
  if (!owner.ok) throw new Error(`seeding the demo owner failed: ${owner.status} ${await owner.text()}`);
  // January to June 2021 (met), so the breach email has a trend to draw; posting them again changes nothing.
  const history = await fetch(`${serviceUrl('ingest')}/v1/figures`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${integratorKey}` },
    body: fs.readFileSync(path.join(ROOT, 'demo/history.json'), 'utf8'),
  });
  if (!history.ok) throw new Error(`seeding the demo history failed: ${history.status} ${await history.text()}`);
  const existing = await (await fetch(`${serviceUrl('goals')}/v1/goals?municipality=147`, { headers })).json();
  const found = existing.find((candidate) => candidate.name === goal.name);
  if (found) return found;
  const response = await fetch(`${serviceUrl('goals')}/v1/goals`, { method: 'POST', headers, body: JSON.stringify(goal) });
  if (!response.ok) throw new Error(`seeding the demo goal failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Frederiksberg's plan (plans/frederiksberg-2022.yaml, `transparency: { public: true }`), so the
 * public page has a plan to show. The same file again changes nothing (200); its goals are judged
 * when their figures arrive, apart from the demo goal, which stays outside any plan.
 */
async function seedDemoPlan(adminKey) {
  const response = await fetch(`${serviceUrl('goals')}/v1/plans/frederiksberg-2022`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/yaml' },
    body: fs.readFileSync(path.join(ROOT, 'plans/frederiksberg-2022.yaml'), 'utf8'),
  });
  if (!response.ok) throw new Error(`importing plans/frederiksberg-2022.yaml failed: ${response.status} ${await response.text()}`);
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await sleep(300);
  }
}

function printWelcome(keys, smtp, goal, webhook) {
  console.log(`
Pejling is running.
  Console       ${CONSOLE_URL}
                admin:    ${DEMO_USERS[0].email} / ${DEMO_USERS[0].password}
                operator: ${DEMO_USERS[1].email} / ${DEMO_USERS[1].password}  (Frederiksberg only)
  Demo goal     ${goal.name}
                state: ${goal.state}  (${CONSOLE_URL}/goals/${goal.id})
  Public page   ${CONSOLE_URL}/offentlig/147  (no sign-in: Frederiksberg's public plan; feeds: …/147/feed.atom, …/147/feed.json)
  Reports       ${CONSOLE_URL}/reports  (committee reports: make one for frederiksberg-2022, e.g. 2021-01 – 2021-06, comment, approve: the PDF lands in the inbox)
  API keys      ${DEMO_DIR}/{admin,operator,integrator}.key
  Email inbox   ${smtp.inbox ?? `your SMTP server (${smtp.url})`}
  Webhooks      ${webhook} (received webhooks as JSON; signatures are checked)
  Logs          ${LOGS_DIR}/<service>.log

The demo, step by step (README: "Notifications demo"):
  1. Breach: email with explanation and trend chart, signed webhook, Teams Adaptive Card
     curl -sS -X POST ${serviceUrl('ingest')}/v1/figures -H "Authorization: Bearer $(cat ${DEMO_DIR}/integrator.key)" -H 'content-type: application/json' --data @demo/breach.json
  2. A reminder, as the sweep would send it a week later (sent now; the next one follows a week from now)
     curl -sS -X POST ${serviceUrl('notifications')}/v1/admin/reminders/sweep -H "Authorization: Bearer $(cat ${DEMO_DIR}/admin.key)" -H 'content-type: application/json' -d "{\\"now\\":\\"$(date -u -d '+8 days' +%FT%TZ)\\"}"
  3. Acknowledge: the link in the email, or
     curl -sS -X POST ${serviceUrl('notifications')}/v1/episodes/$(curl -sS '${serviceUrl('notifications')}/v1/episodes?status=open' -H "Authorization: Bearer $(cat ${DEMO_DIR}/operator.key)" | node -pe 'JSON.parse(require("fs").readFileSync(0))[0].id')/acknowledge -H "Authorization: Bearer $(cat ${DEMO_DIR}/operator.key)" -H 'content-type: application/json' --data @demo/acknowledge.json
  4. Recovery notice
     curl -sS -X POST ${serviceUrl('ingest')}/v1/figures -H "Authorization: Bearer $(cat ${DEMO_DIR}/integrator.key)" -H 'content-type: application/json' --data @demo/recovery.json

Ctrl-C stops the services (the Kafka broker keeps running; stop it with: npm run kafka -- stop).`);
}

let shuttingDown = false;
async function shutdown(exitCode = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nstopping services…');
  for (const child of children) child.kill('SIGTERM');
  await Promise.race([
    Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve))))),
    sleep(15_000),
  ]);
  process.exit(exitCode);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

main().catch(async (error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  await shutdown(1);
});
