#!/usr/bin/env node
// A real single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for tests and
// local runs, fetched from Maven Central through tools/kafka/pom.xml and started detached.
//
//   node scripts/kafka.mjs ensure|start     start a broker unless one answers at KAFKA_BROKERS
//   node scripts/kafka.mjs stop             stop the broker this script started (pid file)
//   node scripts/kafka.mjs status           does a broker answer, and is it ours? (exit 1 if none)
//   node scripts/kafka.mjs classpath [--perf]  fetch jars, print a java classpath
//                                           (--perf: kafka-tools, e.g. ProducerPerformance)
//
// State lives in .pejling/kafka (gitignored): libs/, perf-libs/, data/, server.properties,
// tools-conf/, log4j.properties, cluster.id, broker.pid, broker.log.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';

const { Kafka, logLevel, Partitioners } = kafkajs;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POM = path.join(ROOT, 'tools/kafka/pom.xml');
const HOME = path.join(ROOT, '.pejling/kafka');
const FILES = {
  libs: path.join(HOME, 'libs'),
  perfLibs: path.join(HOME, 'perf-libs'),
  toolsConf: path.join(HOME, 'tools-conf'), // log4j.properties found on the tools classpath
  data: path.join(HOME, 'data'),
  config: path.join(HOME, 'server.properties'),
  log4j: path.join(HOME, 'log4j.properties'),
  clusterId: path.join(HOME, 'cluster.id'),
  pid: path.join(HOME, 'broker.pid'),
  log: path.join(HOME, 'broker.log'),
  lock: path.join(HOME, '.lock'),
};
const DEFAULT_BROKERS = '127.0.0.1:9092';
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const LOCK_TIMEOUT_MS = 180_000; // longer than a full fetch + start by another process
const READY_TOPIC = 'pejling.broker-ready';

// Broker JVM: small heap, G1 as in kafka-run-class.sh. No -XX:TieredStopAtLevel=1 here: the
// same broker serves benchmarks, and C1-only code would cap its throughput.
const BROKER_JVM = [
  '-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent',
  '-Xshare:auto', '-Djava.awt.headless=true',
];
// One-shot StorageTool run: start fast, collect nothing.
const TOOL_JVM = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];

// ---------------------------------------------------------------------------------------------
// Public API

/** Make sure a broker answers at the first address of `brokers`; start one if none does. */
export async function ensureBroker({
  brokers = process.env.KAFKA_BROKERS ?? DEFAULT_BROKERS,
  log = console.log,
} = {}) {
  const target = parseBroker(brokers);
  if (await isKafka(target)) return { started: false, brokers };

  fs.mkdirSync(HOME, { recursive: true });
  return withLock(async () => {
    // Another process may have started it while we waited for the lock.
    if (await isKafka(target)) return { started: false, brokers };

    const pid = ourBrokerPid();
    if (pid) {
      // Ours, but its starter died before it became ready: wait for it rather than start a second.
      log(`kafka: waiting for broker pid ${pid} to become ready at ${target.address}`);
      await waitReady(target, pid);
      return { started: false, brokers };
    }
    if (await tcpAnswers(target)) {
      throw new Error(`kafka: ${target.address} accepts connections but does not answer as a Kafka broker; ` +
        'free the port or point KAFKA_BROKERS at a running broker');
    }

    requireTool('java', ['-version']);
    ensureLibs({ perf: false, log });
    writeConfig(target);
    formatStorage();
    const startedAt = Date.now();
    const childPid = launchBroker();
    log(`kafka: started broker pid ${childPid}, waiting for ${target.address} (log: ${rel(FILES.log)})`);
    try {
      await waitReady(target, childPid);
    } catch (err) {
      await stopBroker({ log }); // a half-started broker would only block the next attempt
      throw err;
    }
    log(`kafka: broker ready at ${target.address} in ${seconds(Date.now() - startedAt)} (java start to round trip)`);
    return { started: true, brokers };
  });
}

/** Stop the broker recorded in the pid file: SIGTERM (controlled shutdown), SIGKILL after 30 s. */
export async function stopBroker({ log = console.log } = {}) {
  const pid = ourBrokerPid();
  if (!pid) {
    fs.rmSync(FILES.pid, { force: true });
    return false;
  }
  log(`kafka: stopping broker pid ${pid}`);
  const began = Date.now();
  signal(pid, 'SIGTERM');
  while (isAlive(pid) && Date.now() - began < STOP_TIMEOUT_MS) await sleep(200);
  if (isAlive(pid)) {
    log(`kafka: broker pid ${pid} still running after ${STOP_TIMEOUT_MS / 1000} s, sending SIGKILL`);
    signal(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  fs.rmSync(FILES.pid, { force: true });
  log(`kafka: broker stopped in ${seconds(Date.now() - began)}`);
  return true;
}

/** Whether a broker answers at `brokers`, and whether it is the one in our pid file. */
export async function brokerStatus({ brokers = process.env.KAFKA_BROKERS ?? DEFAULT_BROKERS } = {}) {
  const target = parseBroker(brokers);
  const cluster = await describe(target).catch(() => null);
  return { address: target.address, answering: Boolean(cluster), cluster, ourPid: ourBrokerPid() };
}

/** Fetch the jars if needed and return a java classpath for command-line tools: an explicit
 *  jar list (safe unquoted) led by a dir whose log4j.properties keeps tools at WARN on stderr. */
export function classpath({ perf = false, log = console.error } = {}) {
  fs.mkdirSync(FILES.toolsConf, { recursive: true });
  fs.writeFileSync(path.join(FILES.toolsConf, 'log4j.properties'), TOOLS_LOG4J_PROPERTIES);
  const dir = ensureLibs({ perf, log });
  return [FILES.toolsConf, ...jarsIn(dir)].join(path.delimiter);
}

// ---------------------------------------------------------------------------------------------
// Jars

/** Copy the runtime closure into libs/ (or perf-libs/) unless a marker says it is current. */
function ensureLibs({ perf, log }) {
  const dir = perf ? FILES.perfLibs : FILES.libs;
  const marker = path.join(dir, '.complete');
  const stamp = `${kafkaVersion()} ${perf ? 'perf' : 'broker'} ${sha256(fs.readFileSync(POM))}`;
  if (readOr(marker, '') === stamp) return dir;

  requireTool('mvn', ['-v']);
  log(`kafka: fetching Kafka ${kafkaVersion()} ${perf ? 'tools' : 'broker'} jars with Maven into ${rel(dir)}`);
  const began = Date.now();
  // Copy into a private dir and rename, so a concurrent reader never sees a half-filled libs/.
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const args = ['-B', '-q', '-ntp', '-f', POM, 'dependency:copy-dependencies',
    '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`, ...(perf ? ['-Pperf'] : [])];
  const mvn = spawnSync('mvn', args, { encoding: 'utf8', shell: process.platform === 'win32' });
  if (mvn.status !== 0 || jarsIn(tmp).length === 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`kafka: Maven could not fetch the Kafka jars (exit ${mvn.status}):\n${mvn.stdout}${mvn.stderr}`);
  }
  fs.writeFileSync(path.join(tmp, '.complete'), stamp);
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    // A concurrent fetch won the race; its copy is just as good.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (readOr(marker, '') !== stamp) throw err;
  }
  log(`kafka: ${jarsIn(dir).length} jars fetched in ${seconds(Date.now() - began)}`);
  return dir;
}

function kafkaVersion() {
  const match = fs.readFileSync(POM, 'utf8').match(/<kafka\.version>([^<]+)<\/kafka\.version>/);
  if (!match) throw new Error(`kafka: no <kafka.version> in ${POM}`);
  return match[1];
}

function jarsIn(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.jar')).sort().map((f) => path.join(dir, f));
}

/** Fail early with what to install instead of a cryptic ENOENT from spawn. */
function requireTool(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'ignore', shell: process.platform === 'win32' });
  if (res.error || res.status !== 0) {
    throw new Error(`kafka: '${cmd}' is not available. The local Kafka broker needs Java 17+ ('java') and ` +
      "Maven 3.6+ ('mvn') with access to Maven Central; or start a broker yourself (e.g. docker-compose) " +
      'and set KAFKA_BROKERS to its address.');
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration and storage

/** Rewritten on every start so a changed KAFKA_BROKERS port takes effect. */
function writeConfig({ host, port }) {
  const controller = `${host}:${port + 1}`;
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${controller}`,
    listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${controller}`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': FILES.data,
    // Tests create their topics explicitly; auto-creation would hide missing topics.
    'auto.create.topics.enable': false,
    'num.partitions': 3,
    // Internal topics default to 50 partitions / RF 3: too slow to create on 2 cores, impossible on 1 node.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    // Consumer groups start consuming at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms': 0,
    'num.network.threads': 2,
    'num.io.threads': 4,
  };
  const lines = Object.entries(props).map(([k, v]) => `${k}=${v}`);
  fs.writeFileSync(FILES.config, `# Written by scripts/kafka.mjs; edits are overwritten.\n${lines.join('\n')}\n`);
  fs.writeFileSync(FILES.log4j, LOG4J_PROPERTIES);
}

// INFO to stdout, which is broker.log. Request logging stays at WARN as in Kafka's own config.
const LOG4J_PROPERTIES = `# Written by scripts/kafka.mjs
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel$=WARN
log4j.logger.org.apache.kafka.controller=INFO
log4j.logger.state.change.logger=INFO
`;

// Kafka's config/tools-log4j.properties: without it every tool prints log4j:WARN noise.
const TOOLS_LOG4J_PROPERTIES = `# Written by scripts/kafka.mjs
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
`;

/** The data dir's own id wins (a lost cluster.id must not make the broker refuse its data). */
function clusterId() {
  const meta = readOr(path.join(FILES.data, 'meta.properties'), '').match(/^cluster\.id=(.+)$/m);
  const id = meta?.[1].trim() || readOr(FILES.clusterId, '').trim();
  if (id) return id;
  // Kafka Uuid string: 22 chars of base64url, no padding. One starting with '-' would be read as an
  // option by the storage tool's argument parser, so the id is passed as `--cluster-id=<id>` below.
  const fresh = randomBytes(16).toString('base64url');
  fs.writeFileSync(FILES.clusterId, `${fresh}\n`);
  return fresh;
}

function formatStorage() {
  const id = clusterId();
  fs.writeFileSync(FILES.clusterId, `${id}\n`);
  const res = spawnSync('java', [...TOOL_JVM, ...javaLogging(), '-cp', libsClasspath(),
    'kafka.tools.StorageTool', 'format', `--cluster-id=${id}`, '-c', FILES.config, '--ignore-formatted'],
  { encoding: 'utf8', cwd: HOME });
  if (res.status !== 0) {
    throw new Error(`kafka: formatting KRaft storage failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Broker process

/** Start kafka.Kafka detached so it outlives this Node process; returns its pid. */
function launchBroker() {
  const out = fs.openSync(FILES.log, 'w');
  try {
    const child = spawn('java', [...BROKER_JVM, ...javaLogging(), '-cp', libsClasspath(), 'kafka.Kafka', FILES.config],
      { cwd: HOME, detached: true, stdio: ['ignore', out, out] });
    child.unref();
    fs.writeFileSync(FILES.pid, `${child.pid}\n`);
    return child.pid;
  } finally {
    fs.closeSync(out);
  }
}

function libsClasspath() {
  return `${FILES.libs}${path.sep}*`; // java expands the wildcard itself
}

function javaLogging() {
  return [`-Dlog4j.configuration=file:${FILES.log4j}`, `-Dkafka.logs.dir=${HOME}`];
}

/** The pid from the pid file if that process is alive and is a Kafka broker; else null. */
function ourBrokerPid() {
  const pid = Number.parseInt(readOr(FILES.pid, ''), 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  // Guard against pid reuse after a reboot: only trust a process that runs kafka.Kafka.
  const cmdline = readOr(`/proc/${pid}/cmdline`, null);
  if (cmdline !== null && !cmdline.includes('kafka.Kafka')) return null;
  return pid;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by its parent) still accepts signal 0.
  const stat = readOr(`/proc/${pid}/stat`, null);
  return !(stat && /^\d+ \(.*\) Z/.test(stat));
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Probing and readiness

function parseBroker(brokers) {
  const address = String(brokers).split(',')[0].trim();
  const match = address.match(/^(.+):(\d+)$/);
  if (!match) throw new Error(`kafka: cannot parse broker address '${address}' (expected host:port)`);
  return { address, host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}

function tcpAnswers({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function isKafka(target) {
  if (!(await tcpAnswers(target))) return false;
  return describe(target).then(() => true, () => false);
}

/** Probes fail fast (no retries); the round trip retries briefly, e.g. while the group
 *  coordinator loads right after __consumer_offsets is created. */
function client({ address }, { retries = 0 } = {}) {
  return new Kafka({
    clientId: 'pejling-broker-check',
    brokers: [address],
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING, // failures are expected while the broker starts
  });
}

async function describe(target) {
  const admin = client(target).admin();
  await admin.connect();
  try {
    return await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

/** Poll until metadata and a produce/consume round trip through a consumer group work. */
async function waitReady(target, pid) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = null;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Error(`kafka: broker pid ${pid} exited during start-up.\n${logTail()}`);
    }
    try {
      await describe(target);
      await roundTrip(target, deadline - Date.now());
      return;
    } catch (err) {
      lastError = err;
      await sleep(250);
    }
  }
  throw new Error(`kafka: broker at ${target.address} (pid ${pid}) not ready after ${READY_TIMEOUT_MS / 1000} s` +
    ` (last error: ${lastError?.message ?? 'none'}).\n${logTail()}`);
}

async function roundTrip(target, budgetMs) {
  const kafka = client(target, { retries: 5 });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const groupId = `pejling-broker-ready-${randomBytes(4).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, retry: { retries: 5, restartOnFailure: async () => false } });
  const token = randomBytes(8).toString('hex');
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(READY_TOPIC)) {
      await admin.createTopics({ topics: [{ topic: READY_TOPIC, numPartitions: 1 }], waitForLeaders: true });
    }
    await producer.connect();
    await producer.send({ topic: READY_TOPIC, messages: [{ key: 'ready', value: token }] });
    await consumer.connect();
    await consumer.subscribe({ topics: [READY_TOPIC], fromBeginning: true });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('round trip: message not consumed in time')),
        Math.max(1000, Math.min(budgetMs, 30_000)));
      // run() resolves once started; group join failures only surface as a CRASH event.
      consumer.on(consumer.events.CRASH, ({ payload }) => { clearTimeout(timer); reject(payload.error); });
      consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() === token) { clearTimeout(timer); resolve(); }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.deleteGroups([groupId]).catch(() => {}); // leave no check groups behind
    await admin.disconnect().catch(() => {});
  }
}

function logTail(lines = 40) {
  const text = readOr(FILES.log, '');
  return `--- last ${lines} lines of ${rel(FILES.log)} ---\n${text.split('\n').slice(-lines - 1).join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// Lock: one starter at a time across processes (parallel Jest runs, CLI + tests).

async function withLock(fn) {
  const began = Date.now();
  for (;;) {
    try {
      const fd = fs.openSync(FILES.lock, 'wx');
      fs.writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
      fs.closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (lockIsStale()) { fs.rmSync(FILES.lock, { force: true }); continue; }
      if (Date.now() - began > LOCK_TIMEOUT_MS) {
        throw new Error(`kafka: lock ${rel(FILES.lock)} held by pid ${readOr(FILES.lock, '?').trim()} for too long`);
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(FILES.lock, { force: true });
  }
}

/** Stale when its holder is gone, or it is older than any real start could take. */
function lockIsStale() {
  let stat;
  try {
    stat = fs.statSync(FILES.lock);
  } catch {
    return false; // just released: retry the open
  }
  const holder = Number.parseInt(readOr(FILES.lock, ''), 10);
  const age = Date.now() - stat.mtimeMs;
  if (Number.isInteger(holder) && holder > 0) return !isAlive(holder) || age > LOCK_TIMEOUT_MS;
  return age > 5000; // being written right now, or garbage
}

// ---------------------------------------------------------------------------------------------
// Helpers

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rel = (p) => path.relative(ROOT, p);

// ---------------------------------------------------------------------------------------------
// CLI

async function main([command, ...flags]) {
  switch (command) {
    case 'ensure':
    case 'start': {
      const { started, brokers } = await ensureBroker();
      if (!started) console.log(`kafka: a broker already answers at ${parseBroker(brokers).address}`);
      return 0;
    }
    case 'stop':
      if (!(await stopBroker())) console.log('kafka: no broker of ours is running');
      return 0;
    case 'status': {
      const s = await brokerStatus();
      const who = s.ourPid ? `ours (pid ${s.ourPid})` : 'not started by scripts/kafka.mjs';
      console.log(s.answering
        ? `kafka: broker answers at ${s.address} (cluster ${s.cluster.clusterId}, ${s.cluster.brokers.length} broker); ${who}`
        : `kafka: no broker answers at ${s.address}${s.ourPid ? `; our broker pid ${s.ourPid} is running` : ''}`);
      return s.answering ? 0 : 1;
    }
    case 'classpath':
      console.log(classpath({ perf: flags.includes('--perf') }));
      return 0;
    default:
      console.error('usage: node scripts/kafka.mjs ensure|start|stop|status|classpath [--perf]');
      return 2;
  }
}

const invokedDirectly = process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err) => { console.error(err.message); process.exitCode = 1; },
  );
}
