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
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { classpath, ensureBroker } from '../scripts/kafka.mjs';
import {
  contracts,
  loadPlans,
  pipelineProbe,
  ROOT,
  startServices,
  stopServices,
  testing,
  uploadCsv,
  waitSettled,
} from './lib/pipeline.mjs';

const require = createRequire(import.meta.url);
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
const figureCount =
  fs
    .readFileSync(csvFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim()).length - 1;
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
      figureId: '7b1f4c0e-5a43-4c55-9a5e-3f6d1c2b8a90',
      source: 'bench',
      series: 'selvforsoergelses-og-hjemrejseydelse',
      municipality: '147',
      period: '2021-07',
      periodKind: 'month',
      value: 1217,
      unit: 'full-time-persons',
      previousValue: null,
      revision: 1,
      sourceUpdatedAt: null,
      previousSourceUpdatedAt: null,
      area: 'municipality',
    },
    { source: 'pejling/ingest', municipality: '147', correlationId: '0a4c3e1b-8d2f-4f6a-9b7c-5e1d2c3b4a59' },
  );
  const recordSize = Buffer.byteLength(JSON.stringify(sample));
  const rawTopic = `${world.topicPrefix}raw-producer-perf`;
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: rawTopic, numPartitions: 3 }] });
  const perf = execFileSync(
    'java',
    [
      '-cp',
      classpath({ perf: true, log: () => undefined }),
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      rawTopic,
      '--num-records',
      String(figureCount),
      '--record-size',
      String(recordSize),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${brokers}`,
      'acks=all',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const rawRate = Number(/([\d.]+) records\/sec/.exec(perf.trim().split('\n').at(-1))[1]);

  // The services as built processes, with the four real plans loaded.
  const running = await startServices(world, SERVICES, { profile: process.env.BENCH_PROFILE });
  const urls = running.urls;
  for (const [name, child] of running.children) children.set(name, child);
  const adminKey = await world.apiKey('admin');
  const goals = await loadPlans(urls.goals, adminKey);
  const probe = pipelineProbe(world, admin, db);

  // (2) Ingest to Kafka: upload, then every figure.recorded on the topic.
  const ingestPid = children.get('ingest').pid;
  const cpuBefore = Object.fromEntries(SERVICES.map((name) => [name, cpuOf(children.get(name).pid)]));
  const busyBefore = machineBusy();
  const started = Date.now();
  const imported = await uploadCsv(urls.ingest, adminKey, csvFile);
  const stored = Date.now();
  await testing.waitUntil(async () => (await probe.published('figures')) >= imported.rows.created, 600_000, 'every figure on the topic');
  const onKafka = Date.now();

  // (3) End to end: consumers caught up, no benchmark waiting to be recomputed, nothing left in any outbox, twice in a row.
  // Progress every ~2 s to .pejling/bench/timeline.tsv: where a slow stage shows as a growing gap.
  const timeline = ['seconds\tfigures_published\tfigures_consumed\treadings_published\treadings_consumed'];
  let lastSample = 0;
  const recordProgress = async () => {
    if (Date.now() - lastSample < 2000) return;
    lastSample = Date.now();
    timeline.push(
      [
        ((Date.now() - started) / 1000).toFixed(0),
        await probe.published('figures'),
        await probe.committed('indicators', 'figures'),
        await probe.published('indicators'),
        await probe.committed('goals', 'indicators'),
      ].join('\t'),
    );
  };
  const settled = await waitSettled(probe, { since: started, onPoll: recordProgress });
  fs.writeFileSync(path.join(ROOT, '.pejling/bench/timeline.tsv'), `${timeline.join('\n')}\n`);
  const cpu = Object.fromEntries(SERVICES.map((name) => [name, cpuOf(children.get(name).pid) - cpuBefore[name]]));
  const busy = machineBusy() - busyBefore;
  const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${ingestPid}/status`, 'utf8'))[1]);
  const counts = (
    await db.query(`SELECT (SELECT count(*) FROM indicators.indicator_values) AS readings, (SELECT count(*) FROM goals.evaluations) AS evaluations,
                                         (SELECT count(*) FROM ingest.quality_flags) AS flags`)
  ).rows[0];
  const readingsPublished = await probe.published('indicators');
  // Each goal's final judgement per period (its newest evaluation), counted per plan by state (and why, when there is no data).
  const states = (
    await db.query(`SELECT plan_id, raw_state, reason, count(*)::int AS n FROM (
      SELECT DISTINCT ON (e.goal_id, e.period) g.plan_id, e.raw_state, e.reason FROM goals.evaluations e JOIN goals.goals g ON g.id = e.goal_id
       ORDER BY e.goal_id, e.period, e.evaluated_at DESC) latest GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
  ).rows;

  const ingestRate = rate(imported.rows.created, onKafka - started);
  console.log(
    `backfill of ${imported.rows.created} figures (${path.relative(ROOT, csvFile)}), ${goals} goals from plans/*.yaml, on ${os.cpus().length} cores`,
  );
  console.log(`(1) raw broker, ProducerPerformance, ${figureCount} × ${recordSize} B, acks=all: ${Math.round(rawRate)} msg/s`);
  console.log(`(2) ingest to Kafka (upload → last figure.recorded on the topic): ${seconds(onKafka - started)}, ${ingestRate} figures/s`);
  console.log(
    `    of which stored and committed (HTTP 201): ${seconds(stored - started)}; ratio (2)/(1): ${((100 * ingestRate) / rawRate).toFixed(1)} %`,
  );
  console.log(`(3) end to end (upload → last indicator reading and goal evaluation stored): ${seconds(settled - started)}`);
  console.log(
    `    ${counts.readings} indicator values, ${readingsPublished} readings published, ${counts.evaluations} goal evaluations, ${counts.flags} data-quality flags`,
  );
  console.log(`(4) ingest peak memory (VmHWM): ${Math.round(peakKb / 1024)} MB`);
  console.log('    goal periods by state, per plan (each goal and period judged by its newest evaluation):');
  for (const plan of [...new Set(states.map((row) => row.plan_id))]) {
    const parts = states
      .filter((row) => row.plan_id === plan)
      .map((row) => `${row.raw_state}${row.raw_state === 'no_data' ? ` (${row.reason})` : ''} ${row.n}`);
    console.log(`      ${plan}: ${parts.join(', ')}`);
  }
  const services = SERVICES.map((name) => `${name} ${cpu[name].toFixed(0)} s`).join(', ');
  const others = busy - SERVICES.reduce((sum, name) => sum + cpu[name], 0);
  console.log(
    `    CPU during (3): ${busy.toFixed(0)} s busy of ${((os.cpus().length * (settled - started)) / 1000).toFixed(0)} s available; ${services}; PostgreSQL, Kafka and the rest ${others.toFixed(0)} s`,
  );
} finally {
  await stopServices(children);
  await admin.disconnect();
  await db.end();
  await world.cleanup();
}
