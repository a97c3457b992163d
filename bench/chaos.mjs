#!/usr/bin/env node
// The chaos suite: the national backfill (the bench data) through all four services, with live
// alerts to a real SMTP server and a real webhook receiver, once clean and once while each service
// is killed with SIGKILL in turn and restarted, the broker is restarted and PostgreSQL is
// restarted. Then both runs are compared: figures, indicator values, evaluations and goal states
// must be identical; nothing lost; no evaluation or alert doubled, except sends that were in flight
// at a kill (counted: they repeat with the same Message-ID / webhook-id).
//   npm run chaos [-- path/to/history.csv]     (builds, generates the bench data if missing)
// PostgreSQL and Redis are private to the run (initdb in a temporary folder, redis-server on a free
// port); the broker is the project's (restarting it disturbs anything else using it).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ensureBroker, stopBroker } from '../scripts/kafka.mjs';
import { contracts, loadPlans, pipelineProbe, ROOT, startServices, stopServices, testing, untilReady, uploadCsv } from './lib/pipeline.mjs';
import { differences, readResults } from './lib/results.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const csvFile = path.resolve(ROOT, positionals[0] ?? '.pejling/bench/history.csv');
if (!fs.existsSync(csvFile)) throw new Error(`${csvFile} is missing: run node bench/generate-history.mjs first`);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const table = (rows) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
};

await ensureBroker({ brokers, log: () => undefined });
const pg = await testing.PrivatePostgres.start();
const redis = await testing.PrivateRedis.start();
console.log(`chaos: private PostgreSQL on ${pg.port}, Redis on ${redis.port}; data ${path.relative(ROOT, csvFile)}`);

/** Everything notifications is still busy with: deliveries to people and to the webhook subscription. */
async function notificationsBusy(db) {
  const { rows } = await db.query(`SELECT
      (SELECT count(*)::int FROM notifications.deliveries WHERE status IN ('grouping', 'pending', 'sending', 'retrying')) +
      (SELECT count(*)::int FROM notifications.subscription_deliveries WHERE status IN ('pending', 'sending', 'retrying')) +
      (SELECT count(*)::int FROM notifications.outbox WHERE published_at IS NULL) AS busy`);
  return rows[0].busy;
}

/** Waits until the whole pipeline, notifications included, is quiet for two polls in a row. */
async function settle(probe, db, admin, world, timeoutMs = 1_800_000) {
  const group = `${world.topicPrefix}pejling-notifications`;
  const lagOf = async (name) => {
    const topic = contracts.physicalTopic(name, world.topicPrefix);
    const published = (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
    const committed = (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0].partitions.reduce(
      (sum, partition) => sum + Math.max(0, Number(partition.offset)),
      0,
    );
    return published - committed;
  };
  const started = Date.now();
  for (let quiet = 0; quiet < 2; await sleep(500)) {
    const busy =
      (await probe.busyWith().catch(() => 'unreachable')) ??
      ((await lagOf(contracts.TOPICS.goalTransitions).catch(() => 1)) > 0 ? 'notifications lag' : null) ??
      ((await notificationsBusy(db).catch(() => 1)) > 0 ? 'deliveries' : null);
    quiet = busy === null ? quiet + 1 : 0;
    if (Date.now() - started > timeoutMs) throw new Error('the pipeline did not settle');
  }
}

/** What a run delivered, and doubled, beyond what readResults compares. */
async function deliveries(db, smtp, receiver) {
  const count = async (sql) => (await db.query(sql)).rows[0].n;
  const messageIds = smtp.messages.map((mail) => mail.messageId);
  const webhookIds = receiver.requests.map((request) => request.headers['webhook-id']);
  const repeats = (ids) => ids.length - new Set(ids).size;
  return {
    figures: await count('SELECT count(*)::int AS n FROM ingest.figures'),
    alerts: await count('SELECT count(*)::int AS n FROM notifications.alerts'),
    duplicateEvaluations: await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM goals.evaluations WHERE cause_event_id IS NOT NULL
        GROUP BY goal_id, period, cause_event_id HAVING count(*) > 1) doubled`),
    emails: new Set(messageIds).size,
    webhooks: new Set(webhookIds).size,
    emailRepeats: repeats(messageIds),
    webhookRepeats: repeats(webhookIds),
    deadDeliveries: await count(`SELECT count(*)::int AS n FROM notifications.deliveries WHERE status = 'dead'`),
  };
}

/** One run of the backfill; `faults` run one after another while the pipeline works. */
async function run(name, faults) {
  const smtp = new testing.TestSmtpServer();
  const receiver = new testing.TestWebhookReceiver();
  const smtpUrl = await smtp.start();
  const hooks = await receiver.start();
  const world = await testing.createTestWorld(
    {
      LOG_LEVEL: 'warn',
      BULL_PREFIX: `chaos-${name}-${Date.now()}`,
      REDIS_URL: redis.url,
      SMTP_URL: smtpUrl,
      WEBHOOK_SIGNING_SECRET: 'chaos-webhook-signing-secret-0123456789',
      ACK_LINK_SECRET: 'chaos-ack-link-secret-0123456789',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      // Live alerts: every transition is delivered, none recorded as history.
      MARK_HISTORICAL_TRANSITIONS: 'false',
      DELIVERY_BACKOFF_MS: '200',
    },
    pg.adminUrl,
  );
  const running = await startServices(world, SERVICES, { logPrefix: `chaos-${name}-` });
  const { urls } = running;
  const adminKey = await world.apiKey('admin');
  const goals = await loadPlans(urls.goals, adminKey);
  const subscription = await fetch(`${urls.notifications}/v1/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${hooks}/pejling`, eventTypes: ['goal.*'], description: 'chaos suite receiver' }),
  });
  if (!subscription.ok) throw new Error(`subscription: HTTP ${subscription.status} ${await subscription.text()}`);
  const db = new Client({ connectionString: world.databaseUrl });
  await db.connect();
  db.on('error', () => undefined); // the PostgreSQL restart drops this connection too; it is opened again below
  const admin = testing.testKafka().admin();
  await admin.connect();
  const started = Date.now();
  await uploadCsv(urls.ingest, adminKey, csvFile);
  const uploadedMs = Date.now() - started;
  const outcomes = [];
  for (const fault of faults) {
    await sleep(fault.afterMs ?? 4_000);
    const emailsBefore = smtp.messages.length;
    const t0 = Date.now();
    await fault.inject(running);
    await Promise.all(Object.values(urls).map((url) => untilReady(url, 180_000, `${fault.name}: recovery`)));
    outcomes.push({ name: fault.name, recoveryMs: Date.now() - t0, emailsBefore });
  }
  const reconnected = new Client({ connectionString: world.databaseUrl });
  await reconnected.connect();
  const probe = pipelineProbe(world, admin, reconnected);
  await settle(probe, reconnected, admin, world);
  const settledMs = Date.now() - started;
  const results = await readResults(reconnected);
  const delivered = await deliveries(reconnected, smtp, receiver);
  await admin.disconnect();
  await db.end().catch(() => undefined);
  await reconnected.end();
  await stopServices(running.children);
  await smtp.stop();
  await receiver.stop();
  await world.cleanup();
  return { name, goals, uploadedMs, settledMs, results, delivered, outcomes };
}

const kill = (instance) => ({
  name: `kill -9 ${instance}`,
  inject: async (running) => {
    const child = running.children.get(instance);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await running.restart(instance);
  },
});
const FAULTS = [
  { ...kill('ingest'), afterMs: 1_000 },
  kill('indicators'),
  kill('goals'),
  kill('notifications'),
  {
    name: 'restart the broker',
    inject: async () => {
      await stopBroker({ log: () => undefined });
      await ensureBroker({ brokers, log: () => undefined });
    },
  },
  {
    name: 'restart PostgreSQL',
    inject: async () => {
      await pg.stop('immediate');
      await sleep(2_000);
      await pg.resume();
    },
  },
];

try {
  const clean = await run('clean', []);
  console.log(`clean run: ${clean.goals} goals, settled in ${seconds(clean.settledMs)}; ${JSON.stringify(clean.delivered)}`);
  const chaos = await run('faults', FAULTS);
  console.log(`faulted run: settled in ${seconds(chaos.settledMs)}; ${JSON.stringify(chaos.delivered)}`);
  const diff = differences(clean.results.compared, chaos.results.compared);
  const c = clean.delivered;
  const f = chaos.delivered;
  const lost =
    Math.max(0, c.figures - f.figures) +
    Math.max(0, c.alerts - f.alerts) +
    Math.max(0, c.emails - f.emails) +
    Math.max(0, c.webhooks - f.webhooks);
  const doubled =
    Math.max(0, f.alerts - c.alerts) + Math.max(0, f.emails - c.emails) + Math.max(0, f.webhooks - c.webhooks) + f.duplicateEvaluations;
  const rows = [
    ['fault', 'recovery (all services ready)'],
    ...chaos.outcomes.map((outcome) => [outcome.name, seconds(outcome.recoveryMs)]),
  ];
  console.log(`\n${table(rows)}\n`);
  console.log(
    table([
      ['', 'clean', 'with faults'],
      ['figures stored', c.figures, f.figures],
      ['alerts', c.alerts, f.alerts],
      ['emails (distinct Message-IDs)', c.emails, f.emails],
      ['webhooks (distinct webhook-ids)', c.webhooks, f.webhooks],
      ['duplicate evaluations', c.duplicateEvaluations, f.duplicateEvaluations],
      ['resent in flight (same Message-ID / webhook-id)', c.emailRepeats + c.webhookRepeats, f.emailRepeats + f.webhookRepeats],
      [
        'results vs clean run (figures, indicator values, evaluations, goal states)',
        'reference',
        diff.length === 0 ? 'identical' : `${diff.length} differences`,
      ],
    ]),
  );
  if (diff.length > 0) console.log(diff.slice(0, 20).join('\n'));
  fs.mkdirSync(path.join(ROOT, '.pejling/bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, `.pejling/bench/results/chaos-${Date.now()}.json`),
    `${JSON.stringify({ clean, chaos, diff }, null, 2)}\n`,
  );
  const pass = diff.length === 0 && lost === 0 && doubled === 0;
  console.log(`\nlost ${lost}, duplicated ${doubled}: ${pass ? 'PASS' : 'FAIL'}`);
  process.exitCode = pass ? 0 : 1;
} finally {
  await pg.remove();
  await redis.remove();
}
