#!/usr/bin/env node
// A real single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for tests and
// local runs, fetched from Maven Central through tools/kafka/pom.xml and started detached.
//
//   node scripts/kafka.mjs ensure|start [--secure]  start a broker unless one answers at its address
//   node scripts/kafka.mjs stop [--secure]          stop the broker this script started (pid file)
//   node scripts/kafka.mjs status [--secure]        does a broker answer, and is it ours? (exit 1 if none)
//   node scripts/kafka.mjs env --secure             print the secured broker's address and the services'
//                                                   SASL settings as shell exports (for eval)
//   node scripts/kafka.mjs credentials --secure     print the secured broker's users and passwords (JSON)
//   node scripts/kafka.mjs classpath [--perf]       fetch jars, print a java classpath
//                                                   (--perf: kafka-tools, e.g. ProducerPerformance)
//
// Plain mode (default): PLAINTEXT on KAFKA_BROKERS (127.0.0.1:9092), no authentication; what the
// tests and `npm start` use. State in .pejling/kafka (gitignored): libs/, perf-libs/, data/,
// server.properties, tools-conf/, log4j.properties, cluster.id, broker.pid, broker.log.
//
// Secured mode (--secure or KAFKA_SECURITY=scram): a second, separate broker on
// KAFKA_SECURE_BROKERS (127.0.0.1:9094, controller on the next port) with state in
// .pejling/kafka-secure (or KAFKA_SECURE_HOME). Clients authenticate with SASL/SCRAM-SHA-512;
// the StandardAuthorizer denies whatever no ACL allows. The users (created at format time with
// --add-scram, passwords generated into credentials.json, mode 0600): `pejling`, the super user
// Pejling's services connect as, and `integrator`, who gets only the ACLs that `npm run kafka:acls`
// grants (the public topics, its own consumer groups).
// The controller listener takes SASL/PLAIN from the broker's own `pejling_controller` user only.
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
// KAFKA_SECURE_HOME: another state dir for the secured broker (the tests use a temp dir).
const SECURE_HOME = process.env.KAFKA_SECURE_HOME ? path.resolve(process.env.KAFKA_SECURE_HOME) : path.join(ROOT, '.pejling/kafka-secure');
// Jars and tool config are shared by every broker this script runs (plain, secured, tests' temp ones).
const JARS = {
  libs: path.join(HOME, 'libs'),
  perfLibs: path.join(HOME, 'perf-libs'),
  toolsConf: path.join(HOME, 'tools-conf'), // log4j.properties found on the tools classpath
};

/** Where one broker keeps its state. */
function layout(home) {
  return {
    home,
    data: path.join(home, 'data'),
    config: path.join(home, 'server.properties'),
    log4j: path.join(home, 'log4j.properties'),
    clusterId: path.join(home, 'cluster.id'),
    credentials: path.join(home, 'credentials.json'),
    pid: path.join(home, 'broker.pid'),
    log: path.join(home, 'broker.log'),
    lock: path.join(home, '.lock'),
  };
}
const DEFAULT_BROKERS = '127.0.0.1:9092';
const DEFAULT_SECURE_BROKERS = '127.0.0.1:9094';
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const LOCK_TIMEOUT_MS = 180_000; // longer than a full fetch + start by another process
const READY_TOPIC = 'pejling.broker-ready';

// Broker JVM: small heap, G1 as in kafka-run-class.sh. No -XX:TieredStopAtLevel=1 here: the
// same broker serves benchmarks, and C1-only code would cap its throughput.
const BROKER_JVM = [
  '-Xms256m',
  '-Xmx1g',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-Xshare:auto',
  '-Djava.awt.headless=true',
];
// One-shot StorageTool run: start fast, collect nothing.
const TOOL_JVM = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'];

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Make sure a broker answers at the first address of `brokers`; start one if none does.
 * `security: 'scram'` runs the secured mode (SASL/SCRAM + ACLs) with its state in `home`
 * (default .pejling/kafka-secure); tests pass a temp `home` and free ports.
 */
export async function ensureBroker({
  security = 'none',
  brokers = defaultBrokers(security),
  controllerPort,
  home = defaultHome(security),
  log = console.log,
} = {}) {
  const target = parseBroker(brokers);
  const files = layout(home);
  fs.mkdirSync(home, { recursive: true });
  const credentials = security === 'scram' ? ensureCredentials(files) : undefined;
  const sasl = saslOf(credentials);
  const result = { started: false, brokers, credentials };
  if (await isKafka(target, sasl)) return result;

  return withLock(files, async () => {
    // Another process may have started it while we waited for the lock.
    if (await isKafka(target, sasl)) return result;

    const pid = ourBrokerPid(files);
    if (pid) {
      // Ours, but its starter died before it became ready: wait for it rather than start a second.
      log(`kafka: waiting for broker pid ${pid} to become ready at ${target.address}`);
      await waitReady(files, target, pid, sasl);
      return result;
    }
    if (await tcpAnswers(target)) {
      throw new Error(
        `kafka: ${target.address} accepts connections but does not answer as a Kafka broker` +
          `${sasl ? ' to our credentials' : ''}; free the port or point ${security === 'scram' ? 'KAFKA_SECURE_BROKERS' : 'KAFKA_BROKERS'} at a running broker`,
      );
    }

    requireTool('java', ['-version']);
    ensureLibs({ perf: false, log });
    writeConfig(files, target, { controllerPort: controllerPort ?? target.port + 1, credentials });
    formatStorage(files, credentials);
    const startedAt = Date.now();
    const childPid = launchBroker(files);
    log(
      `kafka: started ${credentials ? 'secured (SASL/SCRAM, ACLs) ' : ''}broker pid ${childPid}, waiting for ${target.address} (log: ${rel(files.log)})`,
    );
    try {
      await waitReady(files, target, childPid, sasl);
    } catch (err) {
      await stopBroker({ home, log }); // a half-started broker would only block the next attempt
      throw err;
    }
    log(`kafka: broker ready at ${target.address} in ${seconds(Date.now() - startedAt)} (java start to round trip)`);
    return { ...result, started: true };
  });
}

/** Stop the broker recorded in the pid file: SIGTERM (controlled shutdown), SIGKILL after 30 s. */
export async function stopBroker({ security = 'none', home = defaultHome(security), log = console.log } = {}) {
  const files = layout(home);
  const pid = ourBrokerPid(files);
  if (!pid) {
    fs.rmSync(files.pid, { force: true });
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
  fs.rmSync(files.pid, { force: true });
  log(`kafka: broker stopped in ${seconds(Date.now() - began)}`);
  return true;
}

/** Whether a broker answers at `brokers`, and whether it is the one in our pid file. */
export async function brokerStatus({ security = 'none', brokers = defaultBrokers(security), home = defaultHome(security) } = {}) {
  const target = parseBroker(brokers);
  const files = layout(home);
  const sasl = security === 'scram' ? saslOf(readCredentials(files)) : undefined;
  const cluster = await describe(target, sasl).catch(() => null);
  return { address: target.address, answering: Boolean(cluster), cluster, ourPid: ourBrokerPid(files) };
}

/** The secured broker's users and passwords, or null before its first start. */
export function secureCredentials({ home = SECURE_HOME } = {}) {
  return readCredentials(layout(home));
}

/** Fetch the jars if needed and return a java classpath for command-line tools: an explicit
 *  jar list (safe unquoted) led by a dir whose log4j.properties keeps tools at WARN on stderr. */
export function classpath({ perf = false, log = console.error } = {}) {
  fs.mkdirSync(JARS.toolsConf, { recursive: true });
  fs.writeFileSync(path.join(JARS.toolsConf, 'log4j.properties'), TOOLS_LOG4J_PROPERTIES);
  const dir = ensureLibs({ perf, log });
  return [JARS.toolsConf, ...jarsIn(dir)].join(path.delimiter);
}

function defaultBrokers(security) {
  return security === 'scram'
    ? (process.env.KAFKA_SECURE_BROKERS ?? DEFAULT_SECURE_BROKERS)
    : (process.env.KAFKA_BROKERS ?? DEFAULT_BROKERS);
}

function defaultHome(security) {
  return security === 'scram' ? SECURE_HOME : HOME;
}

// ---------------------------------------------------------------------------------------------
// Credentials of the secured mode

const SCRAM_MECHANISM = 'SCRAM-SHA-512';
const SERVICES_USER = 'pejling';
const INTEGRATOR_USER = 'integrator';
const CONTROLLER_USER = 'pejling_controller';

/** Generated once, before the first format; the SCRAM users are created from it at format time. */
function ensureCredentials(files) {
  const existing = readCredentials(files);
  if (existing) return existing;
  if (fs.existsSync(path.join(files.data, 'meta.properties'))) {
    throw new Error(
      `kafka: ${rel(files.data)} is formatted but ${rel(files.credentials)} is missing; ` +
        `remove ${rel(files.home)} to start the secured broker afresh`,
    );
  }
  // base64url: no characters that need quoting in JAAS or in --add-scram's [name=..,password=..].
  const secret = () => randomBytes(24).toString('base64url');
  const credentials = {
    mechanism: SCRAM_MECHANISM.toLowerCase(),
    services: { username: SERVICES_USER, password: secret() },
    integrator: { username: INTEGRATOR_USER, password: secret() },
    controller: { username: CONTROLLER_USER, password: secret() },
  };
  fs.writeFileSync(files.credentials, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

function readCredentials(files) {
  const text = readOr(files.credentials, null);
  return text === null ? null : JSON.parse(text);
}

/** kafkajs SASL options for the services' (super) user, or undefined in plain mode. */
function saslOf(credentials) {
  if (!credentials) return undefined;
  return { mechanism: credentials.mechanism, username: credentials.services.username, password: credentials.services.password };
}

// ---------------------------------------------------------------------------------------------
// Jars

/** Copy the runtime closure into libs/ (or perf-libs/) unless a marker says it is current. */
function ensureLibs({ perf, log }) {
  const dir = perf ? JARS.perfLibs : JARS.libs;
  const marker = path.join(dir, '.complete');
  const stamp = `${kafkaVersion()} ${perf ? 'perf' : 'broker'} ${sha256(fs.readFileSync(POM))}`;
  if (readOr(marker, '') === stamp) return dir;

  requireTool('mvn', ['-v']);
  log(`kafka: fetching Kafka ${kafkaVersion()} ${perf ? 'tools' : 'broker'} jars with Maven into ${rel(dir)}`);
  const began = Date.now();
  // Copy into a private dir and rename, so a concurrent reader never sees a half-filled libs/.
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const args = [
    '-B',
    '-q',
    '-ntp',
    '-f',
    POM,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmp}`,
    ...(perf ? ['-Pperf'] : []),
  ];
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
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jar'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Fail early with what to install instead of a cryptic ENOENT from spawn. */
function requireTool(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'ignore', shell: process.platform === 'win32' });
  if (res.error || res.status !== 0) {
    throw new Error(
      `kafka: '${cmd}' is not available. The local Kafka broker needs Java 17+ ('java') and ` +
        "Maven 3.6+ ('mvn') with access to Maven Central; or start a broker yourself (e.g. docker-compose) " +
        'and set KAFKA_BROKERS to its address.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration and storage

/** Rewritten on every start so a changed port takes effect. */
function writeConfig(files, { host, port }, { controllerPort, credentials }) {
  const controller = `${host}:${controllerPort}`;
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${controller}`,
    'controller.listener.names': 'CONTROLLER',
    ...(credentials
      ? securedListeners(host, port, controller, credentials)
      : {
          listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${controller}`,
          'advertised.listeners': `PLAINTEXT://${host}:${port}`,
          'inter.broker.listener.name': 'PLAINTEXT',
          'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        }),
    'log.dirs': files.data,
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
  // The secured config holds the JAAS passwords: readable by its owner only.
  fs.writeFileSync(files.config, `# Written by scripts/kafka.mjs; edits are overwritten.\n${lines.join('\n')}\n`, { mode: 0o600 });
  fs.chmodSync(files.config, 0o600);
  fs.writeFileSync(files.log4j, LOG4J_PROPERTIES);
}

/**
 * SASL/SCRAM-SHA-512 on the client listener (also the inter-broker one, as the `pejling` user),
 * SASL/PLAIN from a static JAAS user on the controller listener (KRaft cannot authenticate its
 * controller listener with SCRAM: the credentials live in the metadata the controller serves),
 * and the StandardAuthorizer: no ACL, no access, except for the super users.
 */
function securedListeners(host, port, controller, { services, controller: ctl }) {
  const scram = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${services.username}" password="${services.password}";`;
  const plain =
    'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
    `username="${ctl.username}" password="${ctl.password}" user_${ctl.username}="${ctl.password}";`;
  return {
    listeners: `SASL://${host}:${port},CONTROLLER://${controller}`,
    'advertised.listeners': `SASL://${host}:${port}`,
    'listener.security.protocol.map': 'CONTROLLER:SASL_PLAINTEXT,SASL:SASL_PLAINTEXT',
    'inter.broker.listener.name': 'SASL',
    'sasl.enabled.mechanisms': SCRAM_MECHANISM,
    'sasl.mechanism.inter.broker.protocol': SCRAM_MECHANISM,
    [`listener.name.sasl.${SCRAM_MECHANISM.toLowerCase()}.sasl.jaas.config`]: scram,
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config': plain,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:${services.username};User:${ctl.username}`,
    'allow.everyone.if.no.acl.found': false,
  };
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
function clusterId(files) {
  const meta = readOr(path.join(files.data, 'meta.properties'), '').match(/^cluster\.id=(.+)$/m);
  const id = meta?.[1].trim() || readOr(files.clusterId, '').trim();
  if (id) return id;
  // Kafka Uuid string: 22 chars of base64url, no padding. One starting with '-' would be read as an
  // option by the storage tool's argument parser, so the id is passed as `--cluster-id=<id>` below.
  const fresh = randomBytes(16).toString('base64url');
  fs.writeFileSync(files.clusterId, `${fresh}\n`);
  return fresh;
}

/** Formats an empty data dir; in secured mode it also creates the SCRAM users (--add-scram). */
function formatStorage(files, credentials) {
  const id = clusterId(files);
  fs.writeFileSync(files.clusterId, `${id}\n`);
  const scram = credentials
    ? [credentials.services, credentials.integrator].flatMap(({ username, password }) => [
        '--add-scram',
        `${SCRAM_MECHANISM}=[name=${username},password=${password}]`,
      ])
    : [];
  const res = spawnSync(
    'java',
    [
      ...TOOL_JVM,
      ...javaLogging(files),
      '-cp',
      libsClasspath(),
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${id}`,
      '-c',
      files.config,
      '--ignore-formatted',
      ...scram,
    ],
    { encoding: 'utf8', cwd: files.home },
  );
  if (res.status !== 0) {
    throw new Error(`kafka: formatting KRaft storage failed (exit ${res.status}):\n${res.stdout}${res.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Broker process

/** Start kafka.Kafka detached so it outlives this Node process; returns its pid. */
function launchBroker(files) {
  const out = fs.openSync(files.log, 'w');
  try {
    const child = spawn('java', [...BROKER_JVM, ...javaLogging(files), '-cp', libsClasspath(), 'kafka.Kafka', files.config], {
      cwd: files.home,
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.unref();
    fs.writeFileSync(files.pid, `${child.pid}\n`);
    return child.pid;
  } finally {
    fs.closeSync(out);
  }
}

function libsClasspath() {
  return `${JARS.libs}${path.sep}*`; // java expands the wildcard itself
}

function javaLogging(files) {
  return [`-Dlog4j.configuration=file:${files.log4j}`, `-Dkafka.logs.dir=${files.home}`];
}

/** The pid from the pid file if that process is alive and is a Kafka broker; else null. */
function ourBrokerPid(files) {
  const pid = Number.parseInt(readOr(files.pid, ''), 10);
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
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function isKafka(target, sasl) {
  if (!(await tcpAnswers(target))) return false;
  return describe(target, sasl).then(
    () => true,
    () => false,
  );
}

/** Probes fail fast (no retries); the round trip retries briefly, e.g. while the group
 *  coordinator loads right after __consumer_offsets is created. */
function client({ address }, { retries = 0, sasl } = {}) {
  return new Kafka({
    clientId: 'pejling-broker-check',
    brokers: [address],
    ...(sasl ? { sasl } : {}),
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING, // failures are expected while the broker starts
  });
}

async function describe(target, sasl) {
  const admin = client(target, { sasl }).admin();
  await admin.connect();
  try {
    return await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

/** Poll until metadata and a produce/consume round trip through a consumer group work. */
async function waitReady(files, target, pid, sasl) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = null;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Error(`kafka: broker pid ${pid} exited during start-up.\n${logTail(files)}`);
    }
    try {
      await describe(target, sasl);
      await roundTrip(target, deadline - Date.now(), sasl);
      return;
    } catch (err) {
      lastError = err;
      await sleep(250);
    }
  }
  throw new Error(
    `kafka: broker at ${target.address} (pid ${pid}) not ready after ${READY_TIMEOUT_MS / 1000} s` +
      ` (last error: ${lastError?.message ?? 'none'}).\n${logTail(files)}`,
  );
}

async function roundTrip(target, budgetMs, sasl) {
  const kafka = client(target, { retries: 5, sasl });
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
      const timer = setTimeout(
        () => reject(new Error('round trip: message not consumed in time')),
        Math.max(1000, Math.min(budgetMs, 30_000)),
      );
      // run() resolves once started; group join failures only surface as a CRASH event.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            if (message.value?.toString() === token) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined); // leave no check groups behind
    await admin.disconnect().catch(() => undefined);
  }
}

function logTail(files, lines = 40) {
  const text = readOr(files.log, '');
  return `--- last ${lines} lines of ${rel(files.log)} ---\n${text
    .split('\n')
    .slice(-lines - 1)
    .join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// Lock: one starter at a time across processes (parallel Jest runs, CLI + tests).

async function withLock(files, fn) {
  const began = Date.now();
  for (;;) {
    try {
      const fd = fs.openSync(files.lock, 'wx');
      fs.writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
      fs.closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (lockIsStale(files)) {
        fs.rmSync(files.lock, { force: true });
        continue;
      }
      if (Date.now() - began > LOCK_TIMEOUT_MS) {
        throw new Error(`kafka: lock ${rel(files.lock)} held by pid ${readOr(files.lock, '?').trim()} for too long`);
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(files.lock, { force: true });
  }
}

/** Stale when its holder is gone, or it is older than any real start could take. */
function lockIsStale(files) {
  let stat;
  try {
    stat = fs.statSync(files.lock);
  } catch {
    return false; // just released: retry the open
  }
  const holder = Number.parseInt(readOr(files.lock, ''), 10);
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
  const security = flags.includes('--secure') || process.env.KAFKA_SECURITY === 'scram' ? 'scram' : 'none';
  switch (command) {
    case 'ensure':
    case 'start': {
      const { started, brokers } = await ensureBroker({ security });
      if (!started) console.log(`kafka: a broker already answers at ${parseBroker(brokers).address}`);
      if (security === 'scram') {
        console.log(
          `kafka: users and passwords in ${rel(layout(SECURE_HOME).credentials)}; ` +
            'services\' settings: eval "$(npm run -s kafka -- env --secure)"; then the integrator\'s ACLs: npm run kafka:acls',
        );
      }
      return 0;
    }
    case 'stop':
      if (!(await stopBroker({ security }))) console.log('kafka: no broker of ours is running');
      return 0;
    case 'status': {
      const s = await brokerStatus({ security });
      const who = s.ourPid ? `ours (pid ${s.ourPid})` : 'not started by scripts/kafka.mjs';
      console.log(
        s.answering
          ? `kafka: broker answers at ${s.address} (cluster ${s.cluster.clusterId}, ${s.cluster.brokers.length} broker); ${who}`
          : `kafka: no broker answers at ${s.address}${s.ourPid ? `; our broker pid ${s.ourPid} is running` : ''}`,
      );
      return s.answering ? 0 : 1;
    }
    case 'env':
    case 'credentials': {
      const credentials = security === 'scram' ? secureCredentials() : null;
      if (!credentials) {
        console.error('kafka: no secured broker yet: run `npm run kafka -- start --secure` (only the secured mode has credentials)');
        return 1;
      }
      if (command === 'credentials') {
        console.log(JSON.stringify(credentials, null, 2));
        return 0;
      }
      // Single-quoted: base64url passwords never contain a quote.
      const { services } = credentials;
      console.log(
        [
          `export KAFKA_BROKERS='${defaultBrokers('scram')}'`,
          `export KAFKA_SASL_MECHANISM='${credentials.mechanism}'`,
          `export KAFKA_SASL_USERNAME='${services.username}'`,
          `export KAFKA_SASL_PASSWORD='${services.password}'`,
        ].join('\n'),
      );
      return 0;
    }
    case 'classpath':
      console.log(classpath({ perf: flags.includes('--perf') }));
      return 0;
    default:
      console.error('usage: node scripts/kafka.mjs ensure|start|stop|status [--secure] | env|credentials --secure | classpath [--perf]');
      return 2;
  }
}

const invokedDirectly = process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}
