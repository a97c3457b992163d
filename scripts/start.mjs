#!/usr/bin/env node
// `npm start`: brings the whole system up on this machine with a demo goal.
// Starts Kafka if nothing answers at KAFKA_BROKERS, checks PostgreSQL and Redis, builds,
// migrates, creates demo API keys, starts an SMTP sink with a web inbox (unless SMTP_URL is
// set) and a webhook receiver, starts the four services and seeds one demo goal.
/* eslint-disable no-console */
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
const STATE = path.join(ROOT, '.pejling/demo');
const LOGS = path.join(ROOT, '.pejling/logs');
const require = createRequire(import.meta.url);

const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pejling',
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const SERVICES = [
  { name: 'ingest', port: 3001 },
  { name: 'indicators', port: 3002 },
  { name: 'goals', port: 3003 },
  { name: 'notifications', port: 3004 },
];
const WEBHOOK_PORT = 4000;
const children = [];

async function main() {
  fs.mkdirSync(STATE, { recursive: true });
  fs.mkdirSync(LOGS, { recursive: true });
  await requireTcp(env.DATABASE_URL, 5432, 'PostgreSQL', "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
  await requireTcp(env.REDIS_URL, 6379, 'Redis', 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no');
  await ensureBroker({ brokers: env.KAFKA_BROKERS, log: (line) => console.log(`[kafka] ${line}`) });

  step('building (tsc)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  const platform = require(path.join(ROOT, 'dist/libs/platform/src/index.js'));
  const contracts = require(path.join(ROOT, 'dist/libs/contracts/src/index.js'));
  step('database and API keys');
  await platform.ensureDatabase(env.DATABASE_URL);
  const keys = await demoKeys(platform);

  const smtp = await smtpSink();
  const secret = persisted('webhook-signing-secret', () => randomBytes(24).toString('base64url'));
  const ackSecret = persisted('ack-link-secret', () => randomBytes(24).toString('base64url'));
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
        PUBLIC_URL: 'http://127.0.0.1:3004',
        GOAL_LINK_TEMPLATE: 'http://127.0.0.1:3003/v1/goals/{goalId}',
      },
    });
    child.on('exit', (code, signal) => {
      if (!shuttingDown) console.error(`[${service.name}] exited (${signal ?? code}); see .pejling/logs/${service.name}.log`);
    });
    children.push(child);
  }
  step('waiting for the services to report healthy');
  for (const service of SERVICES) await waitHealthy(service);

  const goal = await seedDemoGoal(keys.admin, keys.integrator);
  printWelcome(keys, smtp, goal, received);
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
    for (const role of ['admin', 'operator', 'integrator']) {
      const file = path.join(STATE, `${role}.key`);
      const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
      if (existing && (await platform.findApiKey(dataSource, existing))) keys[role] = existing;
      else {
        keys[role] = (await platform.createApiKey(dataSource, `demo-${role}`, role)).key;
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
  const child = spawn(process.execPath, [bin, '--smtp', '1025', '--web', '1080', '--ip', '127.0.0.1'], { stdio: ['ignore', log, log] });
  children.push(child);
  await waitFor(async () => (await fetch('http://127.0.0.1:1080/email').catch(() => undefined))?.ok === true, 20_000, 'MailDev');
  return { url: 'smtp://127.0.0.1:1025', inbox: 'http://127.0.0.1:1080' };
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
      const check = contracts.verifyWebhookSignature(secret, body, request.headers[contracts.SIGNATURE_HEADER], Math.floor(Date.now() / 1000));
      const event = JSON.parse(body);
      received.push({ receivedAt: new Date().toISOString(), path: request.url, signature: check.ok ? 'valid' : check.reason, body: event });
      if (event.type === 'message' && event.attachments) {
        const card = event.attachments[0]?.content;
        console.log(`[teams] Adaptive Card ${card?.version} at ${request.url}: "${card?.body?.[0]?.text}", signature ${check.ok ? 'valid' : check.reason}`);
      } else {
        console.log(`[webhook] ${event.type} (${event.step}) for "${event.data?.goalName}" (${event.data?.period}), signature ${check.ok ? 'valid' : check.reason}`);
      }
      response.statusCode = check.ok ? 204 : 401;
      response.end();
    });
  });
  server.listen(WEBHOOK_PORT, '127.0.0.1');
  return `http://127.0.0.1:${WEBHOOK_PORT}`;
}

async function waitHealthy(service) {
  await waitFor(async () => (await fetch(`http://127.0.0.1:${service.port}/health`).catch(() => undefined))?.ok === true, 90_000, `${service.name} /health`);
  console.log(`  ${service.name.padEnd(13)} http://127.0.0.1:${service.port}  healthy`);
}

async function seedDemoGoal(adminKey, integratorKey) {
  const goal = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/goal.json'), 'utf8'));
  const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  // The owner's channels (email, webhook, Teams) are set on every start, also for a goal seeded by an older version.
  const owner = await fetch('http://127.0.0.1:3003/v1/owners', { method: 'POST', headers, body: JSON.stringify(goal.owner) });
  if (!owner.ok) throw new Error(`seeding the demo owner failed: ${owner.status} ${await owner.text()}`);
  // January to June 2021 (met), so the breach email has a trend to draw; posting them again changes nothing.
  const history = await fetch('http://127.0.0.1:3001/v1/figures', {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${integratorKey}` },
    body: fs.readFileSync(path.join(ROOT, 'demo/history.json'), 'utf8'),
  });
  if (!history.ok) throw new Error(`seeding the demo history failed: ${history.status} ${await history.text()}`);
  const existing = await (await fetch('http://127.0.0.1:3003/v1/goals?municipality=147', { headers })).json();
  const found = existing.find((candidate) => candidate.name === goal.name);
  if (found) return found;
  const response = await fetch('http://127.0.0.1:3003/v1/goals', { method: 'POST', headers, body: JSON.stringify(goal) });
  if (!response.ok) throw new Error(`seeding the demo goal failed: ${response.status} ${await response.text()}`);
  return response.json();
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
  Demo goal     ${goal.name}
                state: ${goal.state}  (GET http://127.0.0.1:3003/v1/goals/${goal.id})
  API keys      .pejling/demo/{admin,operator,integrator}.key
  Email inbox   ${smtp.inbox ?? `your SMTP server (${smtp.url})`}
  Webhooks      ${webhook} (received webhooks as JSON; signatures are checked)
  Logs          .pejling/logs/<service>.log

The demo, step by step (README: "Notifications demo"):
  1. Breach: email with explanation and trend chart, signed webhook, Teams Adaptive Card
     curl -sS -X POST http://127.0.0.1:3001/v1/figures -H "Authorization: Bearer $(cat .pejling/demo/integrator.key)" -H 'content-type: application/json' --data @demo/breach.json
  2. A reminder, as the sweep would send it a week later
     curl -sS -X POST http://127.0.0.1:3004/v1/admin/reminders/sweep -H "Authorization: Bearer $(cat .pejling/demo/admin.key)" -H 'content-type: application/json' -d "{\\"now\\":\\"$(date -u -d '+8 days' +%FT%TZ)\\"}"
  3. Acknowledge: the link in the email, or
     curl -sS -X POST http://127.0.0.1:3004/v1/episodes/$(curl -sS 'http://127.0.0.1:3004/v1/episodes?status=open' -H "Authorization: Bearer $(cat .pejling/demo/operator.key)" | node -pe 'JSON.parse(require("fs").readFileSync(0))[0].id')/acknowledge -H "Authorization: Bearer $(cat .pejling/demo/operator.key)" -H 'content-type: application/json' --data @demo/acknowledge.json
  4. Recovery notice
     curl -sS -X POST http://127.0.0.1:3001/v1/figures -H "Authorization: Bearer $(cat .pejling/demo/integrator.key)" -H 'content-type: application/json' --data @demo/recovery.json

Ctrl-C stops the services (the Kafka broker keeps running; stop it with: npm run kafka -- stop).`);
}

let shuttingDown = false;
async function shutdown(exitCode = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nstopping services…');
  for (const child of children) child.kill('SIGTERM');
  await Promise.race([Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve))))), sleep(15_000)]);
  process.exit(exitCode);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

main().catch(async (error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  await shutdown(1);
});
