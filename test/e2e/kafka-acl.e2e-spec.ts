import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  KafkaConfig,
  logLevel,
  Partitioners,
  ResourcePatternTypes,
} from 'kafkajs';
import { deadLetterTopic, decodeKafkaMessage, EventEnvelope, physicalTopic, TOPICS } from '@pejling/contracts';
import {
  apiClient,
  createTestWorld,
  FREDERIKSBERG_JULY_2021,
  repoRoot,
  ServiceProcess,
  startServiceProcess,
  TestWorld,
  uniqueId,
  waitUntil,
} from '@pejling/testing';

const run = promisify(execFile);
const ROOT = repoRoot();
const KAFKA_SCRIPT = path.join(ROOT, 'scripts/kafka.mjs');
const ACL_CLI = path.join(ROOT, 'dist/libs/platform/src/kafka/integrator-acl-cli.js');

interface Credentials {
  mechanism: 'scram-sha-512';
  services: { username: string; password: string };
  integrator: { username: string; password: string };
}

/**
 * The secured broker (`npm run kafka -- start --secure`: SASL/SCRAM-SHA-512, StandardAuthorizer,
 * no ACL = no access) in a temp dir on free ports, with the integrator's ACLs from `npm run kafka:acls`.
 * A built ingest process connects as the services' super user (KAFKA_SASL_*) and publishes a posted
 * figure; the integrator reads it with kafkajs, and is refused everything else.
 */
// Each step does several SASL handshakes and group joins; on a loaded 2-core machine that took over 60 s.
const STEP_TIMEOUT_MS = 180_000;

describe('Kafka access for integrators (secured broker)', () => {
  let home: string;
  let brokers: string;
  let credentials: Credentials;
  let world: TestWorld;
  let ingest: ServiceProcess | undefined;
  const secureEnv = () => ({ ...process.env, KAFKA_SECURE_HOME: home, KAFKA_SECURE_BROKERS: brokers });
  // Few retries for the refusals (authorization errors are final), more for the services' set-up.
  const client = (sasl?: KafkaConfig['sasl'], retries = 1) =>
    new Kafka({
      clientId: 'integrator-test',
      brokers: [brokers],
      sasl,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      retry: { retries, initialRetryTime: 100 },
    });
  const asServices = () => client({ mechanism: 'scram-sha-512', ...credentials.services }, 8);
  const asIntegrator = (password = credentials.integrator.password) =>
    client({ mechanism: 'scram-sha-512', username: credentials.integrator.username, password });
  const topic = (logical: string) => physicalTopic(logical, world.topicPrefix);
  const groupOfIntegrator = () => `${world.topicPrefix}integrator-${uniqueId()}`;

  beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'pejling-kafka-acl-'));
    brokers = `127.0.0.1:${await freePortPair()}`;
    await run(process.execPath, [KAFKA_SCRIPT, 'start', '--secure'], { env: secureEnv(), timeout: 200_000 });
    credentials = JSON.parse(readFileSync(path.join(home, 'credentials.json'), 'utf8')) as Credentials;
    world = await createTestWorld({
      KAFKA_BROKERS: brokers,
      KAFKA_SASL_MECHANISM: credentials.mechanism,
      KAFKA_SASL_USERNAME: credentials.services.username,
      KAFKA_SASL_PASSWORD: credentials.services.password,
    });
    const acls = await run(process.execPath, [ACL_CLI], { env: { ...process.env, ...world.env } });
    expect(acls.stdout).toMatch(/User:integrator: 18 ACLs added, 0 removed/);
    // ingest creates its topics at start-up as the services' (super) user.
    ingest = await startServiceProcess('ingest', world.env);
    // Something for the internal (dead-letter) topic to hold.
    const admin = asServices().admin();
    await admin.connect();
    // Not waiting for leaders (kafkajs's default): kafkajs gives up on the UNKNOWN_TOPIC_OR_PARTITION a KRaft
    // broker answers for a moment after the create; the producer below retries it.
    await admin.createTopics({ waitForLeaders: false, topics: [{ topic: deadLetterTopic(topic(TOPICS.figures)), numPartitions: 1 }] });
    await admin.disconnect();
  }, 300_000);

  afterAll(async () => {
    await ingest?.stop();
    await world?.cleanup();
    if (home) {
      await run(process.execPath, [KAFKA_SCRIPT, 'stop', '--secure'], { env: secureEnv() }).catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);

  it(
    'lets the services produce and the integrator read a public topic, with offsets by timestamp',
    async () => {
      const dlt = deadLetterTopic(topic(TOPICS.figures));
      const producer = asServices().producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      await producer.send({ topic: dlt, messages: [{ key: '147', value: 'parked' }] });
      await producer.disconnect();

      const postedAt = Date.now();
      const integratorKey = await world.apiKey('integrator');
      expect((await apiClient(ingest!.baseUrl, integratorKey).post('/v1/figures', { figures: FREDERIKSBERG_JULY_2021 })).status).toBe(201);

      const kafka = asIntegrator();
      const received: EventEnvelope[] = [];
      const groupId = groupOfIntegrator();
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [topic(TOPICS.figures)], fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            // CloudEvents binary mode (or the envelope of before), as any integrator's consumer reads it.
            const decoded = decodeKafkaMessage(message.value, message.headers);
            if (decoded.ok) received.push(decoded.event);
          },
        });
        await waitUntil(
          () => received.filter((event) => event.type === 'figure.recorded').length === 3,
          150_000,
          'three figure.recorded events read by the integrator',
        );
        expect(received.map((event) => event.municipality)).toEqual(['147', '147', '147']);
      } finally {
        await consumer.disconnect();
      }

      // Replay by timestamp: the integrator may list offsets (DESCRIBE) of a public topic.
      const admin = kafka.admin();
      await admin.connect();
      try {
        const fromPost = await admin.fetchTopicOffsetsByTimestamp(topic(TOPICS.figures), postedAt - 1000);
        const latest = await admin.fetchTopicOffsets(topic(TOPICS.figures));
        const sum = (offsets: { offset: string }[]) => offsets.reduce((total, { offset }) => total + Number(offset), 0);
        expect(sum(latest) - sum(fromPost)).toBe(3);
        // ... and rewind its own (stopped) group there, as the README's replay recipe does.
        await admin.setOffsets({ groupId, topic: topic(TOPICS.figures), partitions: fromPost });
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic(TOPICS.figures)] });
        expect(sum(committed.partitions)).toBe(sum(fromPost));
      } finally {
        await admin.disconnect();
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'refuses the integrator any write, internal topics, other groups and admin operations',
    async () => {
      const dlt = deadLetterTopic(topic(TOPICS.figures));
      const kafka = asIntegrator();
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      const admin = kafka.admin();
      await producer.connect();
      await admin.connect();
      try {
        const write = (target: string) => producer.send({ topic: target, messages: [{ key: '147', value: '{}' }] });
        expect(await refusal(() => write(topic(TOPICS.figures)))).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
        expect(await refusal(() => write(dlt))).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
        expect(await refusal(() => admin.fetchTopicOffsets(dlt))).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
        // A group outside its prefix, e.g. one of Pejling's own: kafkajs reports "Failed to find group
        // coordinator" and logs the broker's reason at debug level, so the reason is read from the log.
        await admin.fetchOffsets({ groupId: groupOfIntegrator(), topics: [topic(TOPICS.figures)] });
        const reasons: string[] = [];
        const logged = new Kafka({
          clientId: 'integrator-test',
          brokers: [brokers],
          sasl: { mechanism: 'scram-sha-512', ...credentials.integrator },
          retry: { retries: 1, initialRetryTime: 100 },
          logLevel: logLevel.DEBUG,
          logCreator:
            () =>
            ({ log }) => {
              const { error } = log as { error?: { type?: string } };
              if (error?.type) reasons.push(error.type);
            },
        }).admin();
        await logged.connect();
        try {
          expect(
            await refusal(() => logged.fetchOffsets({ groupId: `${world.topicPrefix}pejling-goals`, topics: [topic(TOPICS.figures)] })),
          ).toMatch(/group coordinator/i);
          expect(reasons).toContain('GROUP_AUTHORIZATION_FAILED');
        } finally {
          await logged.disconnect();
        }
        expect(await refusal(() => admin.createTopics({ topics: [{ topic: topic('integrator.own.v1') }] }))).toMatch(
          /AUTHORIZATION_FAILED|not authorized/i,
        );
        expect(await refusal(() => admin.deleteTopics({ topics: [topic(TOPICS.figures)] }))).toMatch(
          /AUTHORIZATION_FAILED|not authorized/i,
        );
      } finally {
        await producer.disconnect();
        await admin.disconnect();
      }

      // Reading the dead-letter topic as a consumer: the group is allowed, the topic is not.
      const consumer = kafka.consumer({ groupId: groupOfIntegrator(), retry: { retries: 0 } });
      await consumer.connect();
      try {
        expect(await refusal(() => consumer.subscribe({ topics: [dlt], fromBeginning: true }))).toMatch(
          /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
        );
      } finally {
        await consumer.disconnect();
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'refuses a wrong password and a client without SASL',
    async () => {
      const wrong = asIntegrator(`${credentials.integrator.password}x`).admin();
      expect(await refusal(() => wrong.connect())).toMatch(/SASL|authentication/i);
      await wrong.disconnect();
      const anonymous = client().admin();
      expect(
        await refusal(async () => {
          await anonymous.connect();
          await anonymous.listTopics();
        }),
      ).not.toBe('');
      await anonymous.disconnect();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'keeps the integrator ACLs exactly what TOPIC_VISIBILITY grants: a stray grant is removed',
    async () => {
      const admin = asServices().admin();
      await admin.connect();
      try {
        const dlt = deadLetterTopic(topic(TOPICS.figures));
        await admin.createAcls({
          acl: [
            {
              resourceType: AclResourceTypes.TOPIC,
              resourceName: dlt,
              resourcePatternType: ResourcePatternTypes.LITERAL,
              principal: 'User:integrator',
              host: '*',
              operation: AclOperationTypes.READ,
              permissionType: AclPermissionTypes.ALLOW,
            },
          ],
        });
        const resync = await run(process.execPath, [ACL_CLI], { env: { ...process.env, ...world.env } });
        expect(resync.stdout).toContain(`- READ on TOPIC ${dlt}`);
        expect(resync.stdout).toMatch(/User:integrator: 0 ACLs added, 1 removed/);
      } finally {
        await admin.disconnect();
      }
    },
    STEP_TIMEOUT_MS,
  );
});

interface KafkaJSError {
  name?: string;
  type?: string;
  message?: string;
  cause?: KafkaJSError;
  errors?: KafkaJSError[];
}

/** The error text of a refused action (kafkajs nests the broker's error as `cause`, or several as `errors`). */
async function refusal(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return describeError(error as KafkaJSError);
  }
  throw new Error('expected the broker to refuse, but it allowed it');
}

function describeError(error: KafkaJSError): string {
  const own = [error.name, error.type, error.message].filter(Boolean).join(': ');
  const nested = [...(error.cause ? [error.cause] : []), ...(error.errors ?? [])].map(describeError);
  return [own, ...nested].join(' <- ');
}

/** A free port whose successor is free too (the broker's controller listens on port + 1). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await listenOn(0);
    if (
      port < 65535 &&
      (await listenOn(port + 1).then(
        () => true,
        () => false,
      ))
    )
      return port;
  }
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}
