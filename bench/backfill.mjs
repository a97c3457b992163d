#!/usr/bin/env node
// Backfill benchmark: the national history from bench/generate-history.mjs (98 municipalities ×
// 25 series × 120 months) through the real services, broker and database, in one run:
//   (1) raw broker throughput for the same message count and size, with Kafka's own
//       ProducerPerformance from the broker's jars;
//   (2) Pejling's ingest-to-Kafka throughput: CSV upload until every figure.recorded is on the topic;
//   (3) end to end: until the last indicator reading and goal evaluation are stored (consumers
//       caught up, outboxes empty), with the four real plans loaded;
//   (4) peak memory (VmHWM) of the ingest process.
//   npm run bench:backfill            (= build, generate, run)
//   node bench/backfill.mjs [csv=.pejling/bench/history.csv]
/* eslint-disable no-console */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { classpath, ensureBroker } from '../scripts/kafka.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const testing = require(path.join(ROOT, 'dist/libs/testing/src/index.js'));
const contracts = require(path.join(ROOT, 'dist/libs/contracts/src/index.js'));
const { Client } = require('pg');
const csvFile = path.resolve(ROOT, process.argv[2] ?? '.pejling/bench/history.csv');
if (!fs.existsSync(csvFile)) throw new Error(`${csvFile} is missing: run node bench/generate-history.mjs first`);
const SERVICES = ['ingest', 'indicators', 'goals'];
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 10 ms). */
const cpuOf = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** CPU seconds the whole machine has been busy (all cores, everything but idle and iowait). */
const machineBusy = () => {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (ticks.reduce((sum, tick) => sum + tick, 0) - ticks[3] - ticks[4]) / 100;
};
const rate = (count, ms) => Math.round(count / (ms / 1000));

await ensureBroker({ brokers, log: () => undefined });
const figureCount = fs.readFileSync(csvFile, 'utf8').split('\n').filter((line) => line.trim()).length - 1;
const world = await testing.createTestWorld({ LOG_LEVEL: 'warn', BULL_PREFIX: `bench-${Date.now()}` });
const kafka = testing.testKafka();
const admin = kafka.admin();
await admin.connect();
const children = new Map();
const db = new Client({ connectionString: world.databaseUrl });
await db.connect();

try {
  // (1) Raw broker throughput, same count and size as Pejling's figure.recorded messages.
  const sample = contracts.createEvent(
    'figure.recorded',
    {
      figureId: '7b1f4c0e-5a43-4c55-9a5e-3f6d1c2b8a90', source: 'bench', series: 'selvforsoergelses-og-hjemrejseydelse', municipality: '147',
      period: '2021-07', periodKind: 'month', value: 1217, unit: 'full-time-persons', previousValue: null, revision: 1, sourceUpdatedAt: null, previousSourceUpdatedAt: null, area: 'municipality',
    },
    { source: 'pejling/ingest', municipality: '147', correlationId: '0a4c3e1b-8d2f-4f6a-9b7c-5e1d2c3b4a59' },
  );
  const recordSize = Buffer.byteLength(JSON.stringify(sample));
  const rawTopic = `${world.topicPrefix}raw-producer-perf`;
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: rawTopic, numPartitions: 3 }] });
  const perf = execFileSync('java', ['-cp', classpath({ perf: true, log: () => undefined }), 'org.apache.kafka.tools.ProducerPerformance',
    '--topic', rawTopic, '--num-records', String(figureCount), '--record-size', String(recordSize), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${brokers}`, 'acks=all'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const rawRate = Number(/([\d.]+) records\/sec/.exec(perf.trim().split('\n').at(-1))[1]);

  // The services as built processes, with the four real plans loaded.
  const urls = {};
  for (const name of SERVICES) {
    const port = await testing.freePort();
    urls[name] = `http://127.0.0.1:${port}`;
    // BENCH_PROFILE=ingest writes a V8 CPU profile of that service to .pejling/bench/profiles on exit.
    const profile = process.env.BENCH_PROFILE === name ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.pejling/bench/profiles')}`] : [];
    // Each service's log goes to .pejling/bench/<service>.log; ingest logs at info, so its import timings are there.
    const log = fs.openSync(path.join(ROOT, `.pejling/bench/${name}.log`), 'w');
    const env = { ...process.env, ...world.env, PORT: String(port), ...(name === 'ingest' ? { LOG_LEVEL: 'info' } : {}) };
    children.set(name, spawn(process.execPath, [...profile, path.join(ROOT, `dist/apps/${name}/src/main.js`)], { env, stdio: ['ignore', log, log] }));
  }
  for (const name of SERVICES) await testing.waitUntil(async () => (await fetch(`${urls[name]}/health`).catch(() => undefined))?.ok === true, 60_000, name);
  const adminKey = await world.apiKey('admin');
  let goals = 0;
  for (const file of fs.readdirSync(path.join(ROOT, 'plans')).filter((name) => name.endsWith('.yaml'))) {
    const response = await fetch(`${urls.goals}/v1/plans/${file.replace(/\.yaml$/, '')}`, {
      method: 'PUT', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/yaml' }, body: fs.readFileSync(path.join(ROOT, 'plans', file)),
    });
    if (!response.ok) throw new Error(`plan ${file}: HTTP ${response.status} ${await response.text()}`);
    const { goals: counts } = await response.json();
    goals += counts.created + counts.changed + counts.unchanged;
  }
  const figuresTopic = contracts.physicalTopic(contracts.TOPICS.figures, world.topicPrefix);
  const published = async (topic) => (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);

  // (2) Ingest to Kafka: upload, then every figure.recorded on the topic.
  const ingestPid = children.get('ingest').pid;
  const cpuBefore = Object.fromEntries(SERVICES.map((name) => [name, cpuOf(children.get(name).pid)]));
  const busyBefore = machineBusy();
  const started = Date.now();
  const upload = await fetch(`${urls.ingest}/v1/imports?source=bench`, {
    method: 'POST', duplex: 'half', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'text/csv' }, body: fs.createReadStream(csvFile),
  });
  const imported = await upload.json();
  const stored = Date.now();
  if (imported.status !== 'accepted') throw new Error(`import ${imported.status}: ${imported.message} ${JSON.stringify(imported.errors?.slice(0, 3))}`);
  await testing.waitUntil(async () => (await published(figuresTopic)) >= imported.rows.created, 600_000, 'every figure on the topic');
  const onKafka = Date.now();

  // (3) End to end: consumers caught up, no benchmark waiting to be recomputed, nothing left in any outbox, twice in a row.
  const committed = async (group, topic) => (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  const lag = async (group, topic) => (await published(topic)) - (await committed(group, topic));
  const indicatorsTopic = contracts.physicalTopic(contracts.TOPICS.indicators, world.topicPrefix);
  const plansTopic = contracts.physicalTopic(contracts.TOPICS.plans, world.topicPrefix);
  // Cheap checks, a few times a second: the polling must not load the database it measures.
  const busyWith = async () => {
    if ((await lag(`${world.topicPrefix}pejling-indicators`, figuresTopic)) + (await lag(`${world.topicPrefix}pejling-indicators`, plansTopic)) + (await lag(`${world.topicPrefix}pejling-goals`, indicatorsTopic)) > 0) return 'consumer lag';
    const [row] = (await db.query(`SELECT EXISTS (SELECT 1 FROM ingest.outbox WHERE published_at IS NULL) OR EXISTS (SELECT 1 FROM indicators.outbox WHERE published_at IS NULL)
                                       OR EXISTS (SELECT 1 FROM goals.outbox WHERE published_at IS NULL) OR EXISTS (SELECT 1 FROM indicators.benchmark_queue) AS busy`)).rows;
    return row.busy ? 'outbox or benchmark queue' : null;
  };
  // Progress every ~2 s to .pejling/bench/timeline.tsv: where a slow stage shows as a growing gap.
  const timeline = ['seconds\tfigures_published\tfigures_consumed\treadings_published\treadings_consumed'];
  let lastSample = 0;
  const recordProgress = async () => {
    if (Date.now() - lastSample < 2000) return;
    lastSample = Date.now();
    timeline.push([((Date.now() - started) / 1000).toFixed(0), await published(figuresTopic), await committed(`${world.topicPrefix}pejling-indicators`, figuresTopic),
      await published(indicatorsTopic), await committed(`${world.topicPrefix}pejling-goals`, indicatorsTopic)].join('\t'));
  };
  // Settled: the first of two quiet observations 250 ms apart.
  let settled = 0;
  for (let quietSince = 0; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
    await recordProgress();
    if ((await busyWith()) !== null) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else {
      settled = quietSince;
      break;
    }
    if (Date.now() - started > 1_800_000) throw new Error('the pipeline did not settle in 30 minutes');
  }
  fs.writeFileSync(path.join(ROOT, '.pejling/bench/timeline.tsv'), `${timeline.join('\n')}\n`);
  const cpu = Object.fromEntries(SERVICES.map((name) => [name, cpuOf(children.get(name).pid) - cpuBefore[name]]));
  const busy = machineBusy() - busyBefore;
  const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${ingestPid}/status`, 'utf8'))[1]);
  const counts = (await db.query(`SELECT (SELECT count(*) FROM indicators.indicator_values) AS readings, (SELECT count(*) FROM goals.evaluations) AS evaluations,
                                         (SELECT count(*) FROM ingest.quality_flags) AS flags`)).rows[0];
  const readingsPublished = await published(indicatorsTopic);
  // Each goal's final judgement per period (its newest evaluation), counted per plan by state (and why, when there is no data).
  const states = (await db.query(`SELECT plan_id, raw_state, reason, count(*)::int AS n FROM (
      SELECT DISTINCT ON (e.goal_id, e.period) g.plan_id, e.raw_state, e.reason FROM goals.evaluations e JOIN goals.goals g ON g.id = e.goal_id
       ORDER BY e.goal_id, e.period, e.evaluated_at DESC) latest GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)).rows;

  const ingestRate = rate(imported.rows.created, onKafka - started);
  console.log(`backfill of ${imported.rows.created} figures (${path.relative(ROOT, csvFile)}), ${goals} goals from plans/*.yaml, on ${os.cpus().length} cores`);
  console.log(`(1) raw broker, ProducerPerformance, ${figureCount} × ${recordSize} B, acks=all: ${Math.round(rawRate)} msg/s`);
  console.log(`(2) ingest to Kafka (upload → last figure.recorded on the topic): ${seconds(onKafka - started)}, ${ingestRate} figures/s`);
  console.log(`    of which stored and committed (HTTP 201): ${seconds(stored - started)}; ratio (2)/(1): ${((100 * ingestRate) / rawRate).toFixed(1)} %`);
  console.log(`(3) end to end (upload → last indicator reading and goal evaluation stored): ${seconds(settled - started)}`);
  console.log(`    ${counts.readings} indicator values, ${readingsPublished} readings published, ${counts.evaluations} goal evaluations, ${counts.flags} data-quality flags`);
  console.log(`(4) ingest peak memory (VmHWM): ${Math.round(peakKb / 1024)} MB`);
  console.log('    goal periods by state, per plan (each goal and period judged by its newest evaluation):');
  for (const plan of [...new Set(states.map((row) => row.plan_id))]) {
    const parts = states.filter((row) => row.plan_id === plan).map((row) => `${row.raw_state}${row.raw_state === 'no_data' ? ` (${row.reason})` : ''} ${row.n}`);
    console.log(`      ${plan}: ${parts.join(', ')}`);
  }
  const services = SERVICES.map((name) => `${name} ${cpu[name].toFixed(0)} s`).join(', ');
  const others = busy - SERVICES.reduce((sum, name) => sum + cpu[name], 0);
  console.log(`    CPU during (3): ${busy.toFixed(0)} s busy of ${((os.cpus().length * (settled - started)) / 1000).toFixed(0)} s available; ${services}; PostgreSQL, Kafka and the rest ${others.toFixed(0)} s`);
} finally {
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.all([...children.values()].map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))));
  await admin.disconnect();
  await db.end();
  await world.cleanup();
}
