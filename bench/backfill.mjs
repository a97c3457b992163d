#!/usr/bin/env node
// Backfill benchmark: the national history from bench/generate-history.mjs (98 municipalities ×
// 25 series × 120 months) through the real services, broker and database, in one run:
//   (1) raw broker throughput for the same message count and size, with Kafka's own
//       ProducerPerformance from the broker's jars: the yardstick;
//   (2) Pejling's ingest-to-Kafka throughput: CSV upload until every figure.recorded is on the topic,
//       target ≥ 50 % of (1);
//   (3) end to end: until the last indicator reading and goal evaluation are stored (consumers
//       caught up, outboxes empty), with the four real plans loaded, target ≥ 10 % of (1);
//   (4) peak memory (VmHWM) of every service process, target < 250 MB each;
// and the CPU used during (3), per process. The table goes to stdout, the whole result as JSON to
// .pejling/bench/results/backfill-<timestamp>.json, and the results (counts, goal states, digests)
// are checked against bench/reference/backfill.json (exit 1 when they differ).
//   npm run bench:backfill            (= build, generate, run)
//   node bench/backfill.mjs [csv=.pejling/bench/history.csv] [--scale-out] [--write-reference]
//     --scale-out        two instances each of indicators and goals (same consumer groups)
//     --write-reference  store this run's results as the reference for its input file
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
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
import { cpuSeconds, listeningPid, machineBusySeconds, peakRssMb, postgresCpu } from './lib/proc.mjs';
import { checkReference, fileSha256, readResults, writeReference } from './lib/results.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'scale-out': { type: 'boolean', default: false }, 'write-reference': { type: 'boolean', default: false } },
});
const csvFile = path.resolve(ROOT, positionals[0] ?? '.pejling/bench/history.csv');
if (!fs.existsSync(csvFile)) throw new Error(`${csvFile} is missing: run node bench/generate-history.mjs first`);
const scaleOut = options['scale-out'];
const SERVICES = scaleOut ? ['ingest', 'indicators', 'indicators', 'goals', 'goals'] : ['ingest', 'indicators', 'goals'];
const REFERENCE = path.join(ROOT, 'bench/reference/backfill.json');
const TARGETS = { ingestRatio: 0.5, endToEndRatio: 0.1, peakRssMb: 250 };
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const percent = (ratio) => `${(100 * ratio).toFixed(1)} %`;
const round2 = (value) => Math.round(value * 100) / 100;
const rate = (count, ms) => Math.round(count / (ms / 1000));
const verdict = (pass) => (pass ? 'PASS' : 'FAIL');
const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
/** A plain-text table, columns padded; the first row is the header. */
const table = (rows) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
};

await ensureBroker({ brokers, log: () => undefined });
const input = {
  file: path.relative(ROOT, csvFile),
  sha256: await fileSha256(csvFile),
  bytes: fs.statSync(csvFile).size,
  figures:
    fs
      .readFileSync(csvFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim()).length - 1,
};
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
      String(input.figures),
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

  // Whose CPU is counted: the services, the broker's JVM (found by its listening port, when it runs
  // here), PostgreSQL's processes (backends of this database; the shared background processes), this script.
  const [brokerHost, brokerPort] = brokers.split(',')[0].split(':');
  const brokerPid = ['127.0.0.1', 'localhost', '::1'].includes(brokerHost) ? listeningPid(Number(brokerPort)) : undefined;
  const pg = postgresCpu(db, new URL(world.databaseUrl).pathname.slice(1));
  const processCpu = () => ({
    ...Object.fromEntries([...children].map(([name, child]) => [name, cpuSeconds(child.pid)])),
    ...(brokerPid ? { 'Kafka broker (JVM)': cpuSeconds(brokerPid) } : {}),
  });
  await pg.start();
  const cpuBefore = processCpu();
  const selfBefore = process.cpuUsage();
  const busyBefore = machineBusySeconds();

  // (2) Ingest to Kafka: upload, then every figure.recorded on the topic.
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
    await pg.sample();
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
  await pg.sample();
  const measuredUntil = Date.now();
  const busy = machineBusySeconds() - busyBefore;
  const cpuAfter = processCpu();
  const self = process.cpuUsage(selfBefore);
  const timelineFile = path.join(ROOT, '.pejling/bench/timeline.tsv');
  fs.writeFileSync(timelineFile, `${timeline.join('\n')}\n`);
  const peaks = Object.fromEntries([...children].map(([name, child]) => [name, peakRssMb(child.pid)]));
  const postgres = pg.totals();
  const cpu = {
    ...Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, round2((cpuAfter[name] ?? NaN) - (cpuBefore[name] ?? NaN))])),
    [`PostgreSQL backends of this database (${postgres.backendProcesses})`]: round2(postgres.backends),
    'PostgreSQL background (checkpointer, WAL writer, …; shared)': round2(postgres.background),
    'this script': round2((self.user + self.system) / 1e6),
  };
  const rest = busy - Object.values(cpu).reduce((sum, value) => sum + (Number.isFinite(value) ? value : 0), 0);
  const available = (os.cpus().length * (measuredUntil - started)) / 1000;

  const results = await readResults(db);
  results.informational.readingsPublished = await probe.published('indicators');
  results.informational.figuresPublished = await probe.published('figures');
  const reference = checkReference(REFERENCE, input, results.compared);

  const ingestMs = onKafka - started;
  const endToEndMs = settled - started;
  const ingestRate = rate(imported.rows.created, ingestMs);
  const endToEndRate = rate(imported.rows.created, endToEndMs);
  const peakValues = Object.values(peaks);
  const targets = [
    {
      id: '2',
      name: 'ingest to Kafka',
      measured: ingestRate / rawRate,
      unit: 'ratio to (1)',
      target: `≥ ${percent(TARGETS.ingestRatio)} of (1)`,
      pass: ingestRate / rawRate >= TARGETS.ingestRatio,
    },
    {
      id: '3',
      name: 'end to end',
      measured: endToEndRate / rawRate,
      unit: 'ratio to (1), figures/s end to end over raw msg/s',
      target: `≥ ${percent(TARGETS.endToEndRatio)} of (1)`,
      pass: endToEndRate / rawRate >= TARGETS.endToEndRatio,
    },
    {
      id: '4',
      name: 'peak RSS of every service',
      measured: Math.max(...peakValues.map((value) => value ?? Infinity)),
      unit: 'MB, the largest service peak',
      target: `< ${TARGETS.peakRssMb} MB each`,
      pass: peakValues.every((value) => value !== undefined && value < TARGETS.peakRssMb),
    },
  ];
  const pass = Object.fromEntries(targets.map((target) => [target.id, target.pass]));
  const referenceCell = {
    match: ['identical to the reference run', 'MATCH'],
    mismatch: [`${reference.differences.length} difference(s) from the reference run`, 'MISMATCH'],
    'no-reference': ['no reference for this input file (informational)', '-'],
  }[reference.status];

  const mode = scaleOut ? '2 × indicators, 2 × goals (scale-out)' : 'one instance of each service';
  console.log(
    `backfill of ${imported.rows.created} figures (${input.file}, sha256 ${input.sha256.slice(0, 12)}), ${goals} goals from plans/*.yaml; ${mode}; ${os.cpus().length} cores, Node ${process.version}, commit ${git('rev-parse', '--short', 'HEAD') ?? '?'}${git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : ''}`,
  );
  console.log(
    table([
      ['', 'measured', 'target', 'result'],
      [
        `(1) raw broker, ProducerPerformance, ${input.figures} × ${recordSize} B, acks=all`,
        `${Math.round(rawRate)} msg/s`,
        'the yardstick',
        '',
      ],
      [
        '(2) ingest to Kafka (upload → last figure.recorded on the topic)',
        `${seconds(ingestMs)} = ${ingestRate} figures/s = ${percent(ingestRate / rawRate)} of (1); HTTP 201 after ${seconds(stored - started)}`,
        targets[0].target,
        verdict(pass[2]),
      ],
      [
        '(3) end to end (upload → everything stored, outboxes empty)',
        `${seconds(endToEndMs)} = ${endToEndRate} figures/s = ${percent(endToEndRate / rawRate)} of (1)`,
        targets[1].target,
        verdict(pass[3]),
      ],
      [
        '(4) peak RSS (VmHWM)',
        Object.entries(peaks)
          .map(([name, mb]) => `${name} ${mb === undefined ? '?' : Math.round(mb)} MB`)
          .join(', '),
        targets[2].target,
        verdict(pass[4]),
      ],
      ['CPU during (3)', `${busy.toFixed(0)} s busy of ${available.toFixed(0)} s available (${percent(busy / available)})`, '', ''],
      [`results vs ${path.relative(ROOT, REFERENCE)}`, referenceCell[0], 'identical results', referenceCell[1]],
    ]),
  );
  console.log('CPU seconds during (3), per process:');
  for (const [name, value] of Object.entries(cpu)) console.log(`  ${name}: ${Number.isFinite(value) ? value.toFixed(1) : '?'} s`);
  console.log(`  the rest of the machine (other processes, the kernel): ${rest.toFixed(1)} s`);
  const { counts, goalStates } = results.compared;
  console.log(
    `Results: ${counts.figuresStored} figures stored, ${counts.qualityFlags} data-quality flags, ${counts.indicatorValues} indicator values, ${counts.currentEvaluations} current goal evaluations, ${counts.transitions} transitions; ` +
      `${results.informational.readingsPublished} readings published, ${results.informational.evaluationsStored} evaluations stored (with superseded ones)`,
  );
  console.log('Goal periods by state, per plan (each goal and period judged by its current evaluation):');
  for (const [plan, states] of Object.entries(goalStates))
    console.log(
      `  ${plan}: ${Object.entries(states)
        .map(([state, n]) => `${state} ${n}`)
        .join(', ')}`,
    );
  if (reference.status === 'match') console.log(`Reference: MATCH (${path.relative(ROOT, REFERENCE)}, run of ${reference.reference.date})`);
  else if (reference.status === 'mismatch') {
    console.log(`Reference: MISMATCH with ${path.relative(ROOT, REFERENCE)} (run of ${reference.reference.date}):`);
    for (const line of reference.differences.slice(0, 40)) console.log(`  ${line}`);
    if (reference.differences.length > 40) console.log(`  … and ${reference.differences.length - 40} more (all in the JSON file)`);
  } else
    console.log(
      `Reference: none for this input file (${input.file}, ${input.figures} figures, sha256 ${input.sha256.slice(0, 12)}); ` +
        `the reference holds ${reference.known.map((known) => `${known.file} (${known.figures} figures)`).join(', ') || 'nothing'}. Not compared.`,
    );

  const date = new Date();
  const run = {
    date: date.toISOString(),
    commit: git('rev-parse', 'HEAD'),
    branch: git('rev-parse', '--abbrev-ref', 'HEAD'),
    uncommittedChanges: Boolean(git('status', '--porcelain', '--untracked-files=no')),
    node: process.version,
    mode: scaleOut ? 'scale-out' : 'single',
  };
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const result = {
    bench: 'backfill',
    run,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryMb: Math.round(os.totalmem() / 2 ** 20),
      loadAverage: os.loadavg(),
    },
    kafkaClients: Object.fromEntries(Object.entries(pkg.dependencies ?? {}).filter(([name]) => name.includes('kafka'))),
    input,
    services: Object.fromEntries(
      [...children.keys()].map((name) => [name, { service: running.apps[name], peakRssMb: peaks[name], cpuSeconds: cpu[name] }]),
    ),
    goals,
    raw: { records: input.figures, recordSize, msgPerSecond: rawRate },
    ingest: {
      figures: imported.rows.created,
      seconds: ingestMs / 1000,
      committedSeconds: (stored - started) / 1000,
      figuresPerSecond: ingestRate,
      ratioToRaw: ingestRate / rawRate,
    },
    endToEnd: { seconds: endToEndMs / 1000, figuresPerSecond: endToEndRate, ratioToRaw: endToEndRate / rawRate },
    peakRssMb: peaks,
    cpu: { busySeconds: busy, availableSeconds: available, perProcess: cpu, restOfMachine: rest },
    targets,
    results,
    reference: { file: path.relative(ROOT, REFERENCE), ...reference },
    timeline: path.relative(ROOT, timelineFile),
  };
  const resultsDir = path.join(ROOT, '.pejling/bench/results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const resultFile = path.join(resultsDir, `backfill-${date.toISOString().replace(/[:.]/g, '-')}${scaleOut ? '-scale-out' : ''}.json`);
  fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Result: ${path.relative(ROOT, resultFile)}`);
  if (options['write-reference']) {
    await writeReference(REFERENCE, input, run, results.compared);
    console.log(`Reference written: ${path.relative(ROOT, REFERENCE)} (for ${input.file})`);
  } else if (reference.status === 'mismatch') process.exitCode = 1;
} finally {
  await stopServices(children);
  await admin.disconnect();
  await db.end();
  await world.cleanup();
}
