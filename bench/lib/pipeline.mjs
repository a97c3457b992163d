// The national-history pipeline the benchmarks share: the services as built processes against a test
// world, the four real plans loaded, a CSV uploaded, and a wait until everything downstream settled.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
export const testing = require(path.join(ROOT, 'dist/libs/testing/src/index.js'));
export const contracts = require(path.join(ROOT, 'dist/libs/contracts/src/index.js'));

/** Settings the test world tunes for quick tests; the benchmarks run with the services' own defaults instead. */
const TEST_TUNING = ['NODE_ENV', 'OUTBOX_POLL_INTERVAL_MS', 'CONSUMER_RETRY_BACKOFF_MS'];

/** A test world's environment without its test tuning, in production mode. */
export function productionDefaults(worldEnv) {
  const env = Object.fromEntries(Object.entries(worldEnv).filter(([name]) => !TEST_TUNING.includes(name)));
  return { ...env, NODE_ENV: 'production' };
}

/**
 * Starts each service (`dist/apps/<name>/src/main.js`) on a free port; its log goes to .pejling/bench/<logPrefix><instance>.log.
 * A name listed twice starts a second instance (`indicators-2`: same environment, so the same consumer
 * groups, another port), after the first instances are healthy, so no two instances migrate at once.
 * Returns `urls` and `children` by instance, and `apps` (instance → service name).
 * `staticMembership`: each instance joins its consumer group under its own name (KAFKA_GROUP_INSTANCE_ID).
 */
export async function startServices(world, names, { extraEnv = {}, profile, logPrefix = '', staticMembership = false } = {}) {
  fs.mkdirSync(path.join(ROOT, '.pejling/bench'), { recursive: true });
  const urls = {};
  const children = new Map();
  const apps = {};
  const spawns = {};
  const counts = {};
  const waves = [];
  for (const name of names) {
    counts[name] = (counts[name] ?? 0) + 1;
    const instance = counts[name] === 1 ? name : `${name}-${counts[name]}`;
    apps[instance] = name;
    (waves[counts[name] - 1] ??= []).push(instance);
  }
  for (const wave of waves) {
    for (const instance of wave) {
      const name = apps[instance];
      const port = await testing.freePort();
      urls[instance] = `http://127.0.0.1:${port}`;
      const flags = profile === name ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.pejling/bench/profiles')}`] : [];
      const log = fs.openSync(path.join(ROOT, `.pejling/bench/${logPrefix}${instance}.log`), 'w');
      const env = {
        ...process.env,
        ...productionDefaults(world.env),
        ...extraEnv,
        PORT: String(port),
        ...(staticMembership ? { KAFKA_GROUP_INSTANCE_ID: instance } : {}),
        ...(name === 'ingest' ? { LOG_LEVEL: 'info' } : {}),
      };
      spawns[instance] = () =>
        spawn(process.execPath, [...flags, path.join(ROOT, `dist/apps/${name}/src/main.js`)], { env, stdio: ['ignore', log, log] });
      children.set(instance, spawns[instance]());
    }
    for (const instance of wave) await untilReady(urls[instance], 60_000, instance);
  }
  /** Starts a stopped (or killed) instance again on the same port with the same settings; resolves once it is ready. */
  const restart = async (instance) => {
    children.set(instance, spawns[instance]());
    await untilReady(urls[instance], 120_000, instance);
  };
  return { urls, children, apps, restart };
}

/** Waits until a service answers its readiness check. */
export function untilReady(url, timeoutMs, what) {
  return testing.waitUntil(async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.ok === true, timeoutMs, what);
}

export async function stopServices(children) {
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.all(
    [...children.values()].map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))),
  );
}

/** PUTs every plans/*.yaml; returns the number of goals they hold. */
export async function loadPlans(goalsUrl, adminKey) {
  let goals = 0;
  for (const file of fs.readdirSync(path.join(ROOT, 'plans')).filter((name) => name.endsWith('.yaml'))) {
    const response = await fetch(`${goalsUrl}/v1/plans/${file.replace(/\.yaml$/, '')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/yaml' },
      body: fs.readFileSync(path.join(ROOT, 'plans', file)),
    });
    if (!response.ok) throw new Error(`plan ${file}: HTTP ${response.status} ${await response.text()}`);
    const { goals: counts } = await response.json();
    goals += counts.created + counts.changed + counts.unchanged;
  }
  return goals;
}

/** Streams a CSV to POST /v1/imports; throws unless it was accepted. */
export async function uploadCsv(ingestUrl, key, csvFile) {
  const upload = await fetch(`${ingestUrl}/v1/imports?source=bench`, {
    method: 'POST',
    duplex: 'half',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
    body: fs.createReadStream(csvFile),
  });
  const imported = await upload.json();
  if (imported.status !== 'accepted')
    throw new Error(`import ${imported.status}: ${imported.message} ${JSON.stringify(imported.errors?.slice(0, 3))}`);
  return imported;
}

/** Offsets and lag of the pipeline's topics, with cheap checks that do not load the database being measured. */
export function pipelineProbe(world, admin, db) {
  const topic = (name) => contracts.physicalTopic(contracts.TOPICS[name], world.topicPrefix);
  const group = (service) => `${world.topicPrefix}pejling-${service}`;
  const published = async (name) =>
    (await admin.fetchTopicOffsets(topic(name))).reduce((sum, partition) => sum + Number(partition.high), 0);
  const committed = async (service, name) =>
    (await admin.fetchOffsets({ groupId: group(service), topics: [topic(name)] }))[0].partitions.reduce(
      (sum, p) => sum + Math.max(0, Number(p.offset)),
      0,
    );
  const lag = async (service, name) => (await published(name)) - (await committed(service, name));
  /** What the pipeline is still busy with, or null; `before`: count only benchmark pairs of periods before it (a backfill's). */
  const busyWith = async ({ before } = {}) => {
    if ((await lag('indicators', 'figures')) + (await lag('indicators', 'plans')) + (await lag('goals', 'indicators')) > 0)
      return 'consumer lag';
    const [row] = (
      await db.query(
        `SELECT EXISTS (SELECT 1 FROM ingest.outbox WHERE published_at IS NULL) OR EXISTS (SELECT 1 FROM indicators.outbox WHERE published_at IS NULL)
             OR EXISTS (SELECT 1 FROM goals.outbox WHERE published_at IS NULL)
             OR EXISTS (SELECT 1 FROM indicators.benchmark_queue WHERE $1::text IS NULL OR period < $1::text) AS busy`,
        [before ?? null],
      )
    ).rows;
    return row.busy ? 'outbox or benchmark queue' : null;
  };
  return { published, committed, busyWith };
}

/** Waits until the pipeline is quiet twice 250 ms apart; returns when the quiet began. `onPoll` runs at every poll. */
export async function waitSettled(probe, { since = Date.now(), timeoutMs = 1_800_000, onPoll = async () => undefined } = {}) {
  for (let quietSince = 0; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
    await onPoll();
    if ((await probe.busyWith()) !== null) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else return quietSince;
    if (Date.now() - since > timeoutMs) throw new Error(`the pipeline did not settle in ${timeoutMs / 60_000} minutes`);
  }
}

/**
 * The whole system for a console benchmark (four services and the console, as the browser tests
 * start it) with the seed plans and a history CSV loaded through the pipeline and settled.
 * Returns what the benchmark needs and `close()`, which stops it all.
 */
export async function startLoadedConsole(name, csvFile) {
  const { ensureBroker } = await import('../../scripts/kafka.mjs');
  const { Client } = require('pg');
  await ensureBroker({ brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', log: () => undefined });
  const system = await testing.startConsoleSystem({ LOG_LEVEL: 'warn', BULL_PREFIX: `bench-${name}-${Date.now()}` });
  const admin = testing.testKafka().admin();
  await admin.connect();
  const db = new Client({ connectionString: system.world.databaseUrl });
  await db.connect();
  const close = async () => {
    await admin.disconnect();
    await db.end();
    await system.stop();
  };
  try {
    const adminKey = await system.world.apiKey('admin');
    const goals = await loadPlans(system.urls.goals, adminKey);
    const started = Date.now();
    const imported = await uploadCsv(system.urls.ingest, adminKey, csvFile);
    await waitSettled(pipelineProbe(system.world, admin, db), { since: started });
    return { system, db, adminKey, goals, figures: imported.rows.created, settledMs: Date.now() - started, close };
  } catch (error) {
    await close();
    throw error;
  }
}
