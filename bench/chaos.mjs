#!/usr/bin/env node
// The chaos suite: the national backfill (the bench data) through all four services, with live
// alerts to a real SMTP server and a real webhook receiver, once clean and once while each service
// is killed with SIGKILL in turn and restarted, the broker is restarted and PostgreSQL is
// restarted. Then both runs are compared: figures, indicator values, evaluations and goal states
// must be identical; nothing lost; no evaluation or alert doubled, except sends that were in flight
// at a kill (counted: they repeat with the same Message-ID / webhook-id).
//   npm run chaos [-- path/to/history.csv]     (builds, generates the bench data if missing)
// The broker, PostgreSQL and Redis are private to the run (a KRaft broker with its state in a
// temporary folder, initdb in another, redis-server; each on a free port), so restarting them
// disturbs nothing else on the machine.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ensureBroker, stopBroker } from '../scripts/kafka.mjs';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const broker = {
  home: fs.mkdtempSync(path.join(os.tmpdir(), 'pejling-chaos-kafka-')),
  port: await freePort(),
  controllerPort: await freePort(),
};
const brokers = `127.0.0.1:${broker.port}`;
// Set before the test helpers load: their Kafka client reads it once.
process.env.KAFKA_BROKERS = brokers;
const { contracts, loadPlans, pipelineProbe, ROOT, startServices, stopServices, testing, untilReady, uploadCsv } =
  await import('./lib/pipeline.mjs');
const { differences, readResults } = await import('./lib/results.mjs');
const startBroker = () => ensureBroker({ brokers, home: broker.home, controllerPort: broker.controllerPort, log: () => undefined });
const stopPrivateBroker = () => stopBroker({ home: broker.home, log: () => undefined });

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const csvFile = path.resolve(ROOT, positionals[0] ?? '.pejling/bench/history.csv');
if (!fs.existsSync(csvFile)) throw new Error(`${csvFile} is missing: run node bench/generate-history.mjs first`);
const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const table = (rows) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
};

await startBroker();
const pg = await testing.PrivatePostgres.start();
const redis = await testing.PrivateRedis.start();
console.log(
  `chaos: private broker on ${broker.port}, PostgreSQL on ${pg.port}, Redis on ${redis.port}; data ${path.relative(ROOT, csvFile)}`,
);

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

// Data-quality alerts have no goal: their municipality stands in.
const GOAL_KEY = `coalesce(g.plan_id || ' ' || g.plan_goal_id, g.name, a.goal_id::text, a.municipality)`;

/**
 * What a run delivered, and whether anything between its parts was lost or doubled:
 * - every event a service published was processed by each service that consumes its topic (the
 *   consumers of a topic are found from the clean run), and nothing went to a dead-letter topic;
 * - every email delivery and webhook delivery ended delivered (or skipped by a rule) and reached its
 *   receiver; one delivery under two Message-IDs (or one event under two webhook-ids) is a double,
 *   one Message-ID (webhook-id) received twice is a send that was in flight at a fault;
 * - no alert twice for the same goal, event type, period and kind (a data-quality flag: series and
 *   check too), and no evaluation twice for one cause.
 * Alerts, emails and webhooks are also listed as identities free of the run's random ids, to compare
 * with the clean run (informational: which intermediate states a backfill alerts on depends on batching).
 */
async function deliveries(db, smtp, receiver, admin, world) {
  const count = async (sql) => (await db.query(sql)).rows[0].n;
  const goalKeys = new Map(
    (await db.query(`SELECT g.id, coalesce(g.plan_id || ' ' || g.plan_goal_id, g.name) AS key FROM goals.goals g`)).rows.map((row) => [
      row.id,
      row.key,
    ]),
  );
  const alerts = (
    await db.query(`SELECT concat_ws(' | ', ${GOAL_KEY}, a.event_type, coalesce(a.period, ''), a.kind, a.payload ->> 'series', a.payload ->> 'check') AS identity
        FROM notifications.alerts a LEFT JOIN goals.goals g ON g.id = a.goal_id`)
  ).rows.map((row) => row.identity);
  const firstOf = (items, idOf) => [...new Map(items.map((item) => [idOf(item), item])).values()];
  const mails = firstOf(smtp.messages, (mail) => mail.messageId);
  const hooks = firstOf(receiver.requests, (request) => request.headers['webhook-id']);
  const webhookIdentity = (request) => {
    // Binary-mode CloudEvents: the type is a header, the body is the event's data.
    const data = JSON.parse(request.rawBody);
    return [
      request.headers['ce-type'],
      goalKeys.get(data.goalId) ?? data.goalId ?? data.municipality ?? '',
      data.period ?? '',
      data.state ?? '',
    ].join(' | ');
  };
  const received = (ids) => new Set(ids);
  const mailDeliveryIds = mails.map((mail) => mail.headers.get('x-pejling-delivery-id'));
  const hookEventIds = hooks.map((request) => request.headers['ce-id']);
  const emailDeliveries = (await db.query(`SELECT id::text, status FROM notifications.deliveries WHERE channel = 'email'`)).rows;
  const webhookDeliveries = (await db.query(`SELECT id::text, status FROM notifications.subscription_deliveries WHERE NOT replay`)).rows;
  const unfinished = (rows) => rows.filter((row) => !['delivered', 'skipped'].includes(row.status)).length;
  const notReceived = (rows, ids) => rows.filter((row) => row.status === 'delivered' && !ids.has(row.id)).length;
  const excess = (ids) => ids.length - new Set(ids).size;
  return {
    figures: await count('SELECT count(*)::int AS n FROM ingest.figures'),
    events: await eventsByConsumer(db, world),
    deadLettered: await deadLettered(admin, world),
    alerts,
    emails: mails.map((mail) => `${mail.to?.text ?? ''} | ${mail.subject ?? ''}`),
    webhooks: hooks.map(webhookIdentity),
    alertsDoubled: excess(alerts),
    emailsUnfinished: unfinished(emailDeliveries),
    emailsNotReceived: notReceived(emailDeliveries, received(mailDeliveryIds)),
    emailsDoubled: excess(mailDeliveryIds),
    webhooksUnfinished: unfinished(webhookDeliveries),
    webhooksNotReceived: notReceived(webhookDeliveries, received(hooks.map((request) => request.headers['webhook-id']))),
    webhooksDoubled: excess(hookEventIds),
    duplicateEvaluations: await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM goals.evaluations WHERE cause_event_id IS NOT NULL
        GROUP BY goal_id, period, cause_event_id HAVING count(*) > 1) doubled`),
    resentInFlight: smtp.messages.length - mails.length + (receiver.requests.length - hooks.length),
  };
}

const SCHEMAS = ['ingest', 'indicators', 'goals', 'notifications'];

/**
 * Reads every topic of the run from the beginning and checks each event id against each service's
 * processed events: per topic, how many distinct events it carries and how many of them each
 * consuming schema recorded (the outbox deletes what it sent, so the topics are the record).
 */
async function eventsByConsumer(db, world) {
  const processed = {};
  for (const schema of SCHEMAS.filter((name) => name !== 'ingest'))
    processed[schema] = new Set((await db.query(`SELECT event_id::text AS id FROM ${schema}.processed_events`)).rows.map((row) => row.id));
  const result = {};
  for (const [name, logical] of Object.entries(contracts.TOPICS)) {
    const ids = await eventIdsOn(contracts.physicalTopic(logical, world.topicPrefix));
    if (ids.size === 0) continue;
    result[name] = { published: ids.size, processedBy: {} };
    for (const [schema, seen] of Object.entries(processed)) {
      let n = 0;
      for (const id of ids) if (seen.has(id)) n += 1;
      result[name].processedBy[schema] = n;
    }
  }
  return result;
}

/** The distinct event ids on a topic, read to its end. */
async function eventIdsOn(topic) {
  const kafka = testing.testKafka();
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).catch(() => []);
  await admin.disconnect();
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  const ids = new Set();
  if (remaining.size === 0) return ids;
  const consumer = kafka.consumer({ groupId: `chaos-audit-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise((resolve, reject) => {
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            // The CloudEvents id header, or the id inside an envelope-format message.
            const id = message.headers?.[contracts.CLOUDEVENTS_HEADERS.id]?.toString() ?? JSON.parse(message.value.toString()).id;
            if (typeof id !== 'string') throw new Error(`${topic} ${batch.partition}@${message.offset}: no event id`);
            ids.add(id);
          }
          if (BigInt(batch.highWatermark) > 0n && BigInt(batch.lastOffset()) + 1n >= remaining.get(batch.partition))
            remaining.delete(batch.partition);
          if (remaining.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return ids;
}

/** Messages on the dead-letter topics. */
async function deadLettered(admin, world) {
  let total = 0;
  for (const name of Object.values(contracts.TOPICS)) {
    const topic = contracts.deadLetterTopic(contracts.physicalTopic(name, world.topicPrefix));
    const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
    total += offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low ?? 0), 0);
  }
  return total;
}

/** Events lost between services: for each topic, the consumers that processed it in the clean run must have processed every event of it. */
function eventsLost(clean, run) {
  let lost = 0;
  const details = [];
  for (const [topic, { processedBy }] of Object.entries(clean.events)) {
    const consumers = Object.entries(processedBy)
      .filter(([, processed]) => processed > 0)
      .map(([consumer]) => consumer);
    for (const consumer of consumers) {
      const counts = run.events[topic] ?? { published: 0, processedBy: {} };
      const missing = counts.published - (counts.processedBy[consumer] ?? 0);
      if (missing > 0) details.push(`${topic} → ${consumer}: ${missing} of ${counts.published} not processed`);
      lost += Math.max(0, missing);
    }
  }
  return { lost, details };
}

/** When each repeat of an already received Message-ID or webhook-id arrived. */
function repeatTimes(smtp, receiver) {
  const seen = new Set();
  const repeats = [];
  const sends = [
    ...smtp.messages.map((mail) => ({ id: `mail ${mail.messageId}`, at: mail.receivedAt })),
    ...receiver.requests.map((request) => ({ id: `hook ${request.headers['webhook-id']}`, at: request.receivedAt })),
  ].sort((a, b) => a.at - b.at);
  for (const send of sends) {
    if (seen.has(send.id)) repeats.push(send.at);
    seen.add(send.id);
  }
  return repeats;
}

/** Multiset difference: the items of `a` not matched one-for-one in `b`. */
function missingFrom(a, b) {
  const left = new Map();
  for (const item of b) left.set(item, (left.get(item) ?? 0) + 1);
  return a.filter((item) => {
    const n = left.get(item) ?? 0;
    if (n > 0) left.set(item, n - 1);
    return n === 0;
  });
}

/** The plans name their owners (committees) without contacts: give each an address at the test SMTP server. */
async function giveOwnersEmail(goalsUrl, adminKey) {
  const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const owners = await (await fetch(`${goalsUrl}/v1/owners`, { headers })).json();
  for (const [index, owner] of owners.entries()) {
    const response = await fetch(`${goalsUrl}/v1/owners/${owner.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ email: `owner-${index + 1}@chaos.example` }),
    });
    if (!response.ok) throw new Error(`owner ${owner.name}: HTTP ${response.status} ${await response.text()}`);
  }
}

/** One run of the backfill; `faults` run one after another while the pipeline works. */
async function run(name, faults) {
  const smtp = new testing.TestSmtpServer();
  const receiver = new testing.TestWebhookReceiver();
  // Stamp each mail with when it arrived, to attribute repeats to faults.
  const push = smtp.messages.push.bind(smtp.messages);
  smtp.messages.push = (...mails) => push(...mails.map((mail) => Object.assign(mail, { receivedAt: Date.now() })));
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
      // One alert per email, so the runs' emails compare one for one (a grouping window batches by timing).
      ALERT_GROUP_WINDOW_MS: '0',
    },
    pg.adminUrl,
  );
  // Static membership, as a supervisor with stable instance names runs them: a restarted instance takes
  // back its partitions at once instead of waiting out its killed predecessor's session timeout (30 s).
  const running = await startServices(world, SERVICES, { logPrefix: `chaos-${name}-`, staticMembership: true });
  const { urls } = running;
  const adminKey = await world.apiKey('admin');
  const goals = await loadPlans(urls.goals, adminKey);
  await giveOwnersEmail(urls.goals, adminKey);
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
    const t0 = Date.now();
    await fault.inject(running);
    await Promise.all(Object.values(urls).map((url) => untilReady(url, 180_000, `${fault.name}: recovery`)));
    outcomes.push({ name: fault.name, at: t0, recoveryMs: Date.now() - t0 });
  }
  const reconnected = new Client({ connectionString: world.databaseUrl });
  await reconnected.connect();
  const probe = pipelineProbe(world, admin, reconnected);
  await settle(probe, reconnected, admin, world);
  const settledMs = Date.now() - started;
  const results = await readResults(reconnected);
  const delivered = await deliveries(reconnected, smtp, receiver, admin, world);
  // A send repeated after a fault is counted against the last fault before the repeat arrived.
  for (const at of repeatTimes(smtp, receiver)) {
    const fault = outcomes.findLast((outcome) => outcome.at <= at);
    if (fault) fault.resentInFlight = (fault.resentInFlight ?? 0) + 1;
  }
  for (const outcome of outcomes) outcome.resentInFlight ??= 0;
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
      await stopPrivateBroker();
      await startBroker();
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
  console.log(`clean run: ${clean.goals} goals, settled in ${seconds(clean.settledMs)}`);
  const chaos = await run('faults', FAULTS);
  console.log(`faulted run: settled in ${seconds(chaos.settledMs)}`);
  const diff = differences(clean.results.compared, chaos.results.compared);
  const c = clean.delivered;
  const f = chaos.delivered;
  const verdictOf = (run) => {
    const events = eventsLost(c, run);
    const alertsDoubled = Math.max(0, run.alertsDoubled - c.alertsDoubled);
    return {
      eventsLost: events,
      lost:
        Math.max(0, c.figures - run.figures) +
        events.lost +
        run.emailsUnfinished +
        run.emailsNotReceived +
        run.webhooksUnfinished +
        run.webhooksNotReceived,
      doubled: alertsDoubled + run.emailsDoubled + run.webhooksDoubled + run.duplicateEvaluations,
    };
  };
  const cleanVerdict = verdictOf(c);
  const verdict = verdictOf(f);
  const kinds = ['alerts', 'emails', 'webhooks'];
  const onlyIn = Object.fromEntries(
    kinds.map((kind) => [kind, { clean: missingFrom(c[kind], f[kind]), faults: missingFrom(f[kind], c[kind]) }]),
  );
  console.log(
    `\n${table([
      ['fault', 'recovery (all services ready)', 'in flight at the fault, sent again'],
      ...chaos.outcomes.map((outcome) => [outcome.name, seconds(outcome.recoveryMs), outcome.resentInFlight]),
    ])}\n`,
  );
  const published = (run) => Object.values(run.events).reduce((sum, topic) => sum + topic.published, 0);
  console.log(
    table([
      ['', 'clean', 'with faults'],
      ['figures stored', c.figures, f.figures],
      ['events published by the services', published(c), published(f)],
      ['events not processed by a consumer of their topic', cleanVerdict.eventsLost.lost, verdict.eventsLost.lost],
      ['messages on dead-letter topics', c.deadLettered, f.deadLettered],
      ['alerts (owners told of a transition)', c.alerts.length, f.alerts.length],
      ['alerts for the same goal, type, period and kind twice', c.alertsDoubled, f.alertsDoubled],
      ['emails received (distinct Message-IDs)', c.emails.length, f.emails.length],
      [
        'email deliveries not delivered, or delivered but not received',
        c.emailsUnfinished + c.emailsNotReceived,
        f.emailsUnfinished + f.emailsNotReceived,
      ],
      ['email deliveries received under two Message-IDs', c.emailsDoubled, f.emailsDoubled],
      ['webhooks received (distinct webhook-ids)', c.webhooks.length, f.webhooks.length],
      [
        'webhook deliveries not delivered, or delivered but not received',
        c.webhooksUnfinished + c.webhooksNotReceived,
        f.webhooksUnfinished + f.webhooksNotReceived,
      ],
      ['events received under two webhook-ids', c.webhooksDoubled, f.webhooksDoubled],
      ['duplicate evaluations (one goal, period and cause twice)', c.duplicateEvaluations, f.duplicateEvaluations],
      ['resent in flight (same Message-ID / webhook-id)', c.resentInFlight, f.resentInFlight],
      [
        'results vs clean run (figures, indicator values, evaluations, transitions, goal states)',
        'reference',
        diff.length === 0 ? 'identical' : `${diff.length} differences`,
      ],
      ['lost', cleanVerdict.lost, verdict.lost],
      ['duplicated', cleanVerdict.doubled, verdict.doubled],
    ]),
  );
  for (const line of [...cleanVerdict.eventsLost.details.map((d) => `clean run: ${d}`), ...verdict.eventsLost.details]) console.log(line);
  // Informational: live alerts follow the goal's latest period as batches arrive, so which
  // intermediate periods owners hear about depends on how the backfill was batched.
  console.log(
    `\nlive notices that differ from the clean run (batching, not loss): ${kinds
      .map((kind) => `${kind} ${onlyIn[kind].clean.length} only in the clean run, ${onlyIn[kind].faults.length} only with faults`)
      .join('; ')}`,
  );
  fs.mkdirSync(path.join(ROOT, '.pejling/bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, `.pejling/bench/results/chaos-${Date.now()}.json`),
    `${JSON.stringify({ clean, chaos, diff, verdict, onlyIn }, null, 2)}\n`,
  );
  const pass = diff.length === 0 && cleanVerdict.lost + cleanVerdict.doubled + verdict.lost + verdict.doubled === 0 && f.deadLettered === 0;
  console.log(`\nlost ${verdict.lost}, duplicated ${verdict.doubled}: ${pass ? 'PASS' : 'FAIL'}`);
  process.exitCode = pass ? 0 : 1;
} finally {
  await pg.remove();
  await redis.remove();
  await stopPrivateBroker();
  fs.rmSync(broker.home, { recursive: true, force: true });
}
