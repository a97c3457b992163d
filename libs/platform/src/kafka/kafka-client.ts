import { Admin, compatibilityPartitioner, ProduceAcks, Producer, SASLMechanisms, type SASLMechanismValue } from '@platformatic/kafka';
import type { BaseEnv } from '../config/env';
import { kafkaErrorIds } from './kafka-errors';

/**
 * The platform's port to Kafka. Services see these types only; which client is behind them
 * (`@platformatic/kafka`, see the README's "Kafka client") stays in this folder.
 */
export interface KafkaConnection {
  /** `host:port,host:port` as in KAFKA_BROKERS. */
  brokers: string;
  clientId: string;
  sasl?: KafkaSasl;
}

/** SASL towards a secured broker (all of KAFKA_SASL_* set). */
export interface KafkaSasl {
  mechanism: 'scram-sha-512' | 'scram-sha-256' | 'plain';
  username: string;
  password: string;
}

/** One record to produce: the key decides the partition (Java-compatible murmur2). */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers: Record<string, string | Buffer>;
}

/** Sends records with acks from all in-sync replicas; resolves once the broker has acknowledged all of them. */
export interface EventProducer {
  send(records: OutgoingRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** The SASL settings of a validated environment (all three variables or none, see env.ts). */
export function kafkaSasl(
  env: Pick<BaseEnv, 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'>,
): KafkaSasl | undefined {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  if (!mechanism || !username || !password) return undefined;
  return { mechanism, username, password };
}

const MECHANISMS: Record<KafkaSasl['mechanism'], SASLMechanismValue> = {
  'scram-sha-512': SASLMechanisms.SCRAM_SHA_512,
  'scram-sha-256': SASLMechanisms.SCRAM_SHA_256,
  plain: SASLMechanisms.PLAIN,
};

/** The options every client of ours shares: brokers, credentials, retries of broker-side hiccups. */
export function clientOptions({ brokers, clientId, sasl }: KafkaConnection) {
  return {
    clientId,
    bootstrapBrokers: brokers.split(','),
    ...(sasl ? { sasl: { mechanism: MECHANISMS[sasl.mechanism], username: sasl.username, password: sasl.password } } : {}),
    retries: 8,
    retryDelay: 250,
    connectTimeout: 5_000,
    requestTimeout: 30_000,
  };
}

/** A producer behind the port: acks=all, no topic auto-creation, and the Java client's partitioner so every client maps a key alike. */
export function createProducer(connection: KafkaConnection): EventProducer {
  const producer = new Producer({
    ...clientOptions(connection),
    acks: ProduceAcks.ALL,
    autocreateTopics: false,
    partitioner: compatibilityPartitioner,
  });
  return {
    async send(records) {
      if (records.length === 0) return;
      await producer.send({
        messages: records.map((record) => ({
          topic: record.topic,
          key: Buffer.from(record.key),
          value: Buffer.isBuffer(record.value) ? record.value : Buffer.from(record.value),
          headers: new Map(Object.entries(record.headers).map(([name, value]) => [Buffer.from(name), Buffer.from(value)])),
        })),
      });
    },
    close: () => producer.close(),
  };
}

export function createAdmin(connection: KafkaConnection): Admin {
  return new Admin(clientOptions(connection));
}

/** How many brokers the cluster has, from fresh metadata (the health check's question). */
export async function brokerCount(connection: KafkaConnection): Promise<number> {
  const admin = createAdmin(connection);
  try {
    const metadata = await admin.metadata({ topics: [], forceUpdate: true });
    return metadata.brokers.size;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** Creates the topics (and their dead-letter topics) a service uses; existing ones are left alone. */
export async function ensureTopics(connection: KafkaConnection, topics: readonly string[], partitions: number): Promise<void> {
  const admin = createAdmin(connection);
  try {
    // Services starting together create the same topics: the broker may answer one of them that a
    // topic exists but has no leader yet. That passes; retry.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await createMissing(admin, [...new Set(topics)], partitions);
        return;
      } catch (error) {
        if (attempt >= ENSURE_ATTEMPTS || !isTopicSettling(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  } finally {
    await admin.close().catch(() => undefined);
  }
}

const ENSURE_ATTEMPTS = 10;
const SETTLING = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_CONTROLLER',
  'REQUEST_TIMED_OUT',
  'TOPIC_ALREADY_EXISTS',
]);

async function createMissing(admin: Admin, topics: string[], partitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, partitions, replicas: 1 }).catch((error: unknown) => {
      // Another service created it in the meantime.
      if (!kafkaErrorIds(error).includes('TOPIC_ALREADY_EXISTS')) throw error;
    });
  }
  // Every topic has a leader for each partition before the service goes on (another service's creation included).
  const metadata = await admin.metadata({ topics, forceUpdate: true });
  const leaderless = topics.filter((topic) => {
    const described = metadata.topics.get(topic);
    return !described || described.partitions.length === 0 || described.partitions.some((partition) => partition.leader < 0);
  });
  if (leaderless.length > 0)
    throw Object.assign(new Error(`no leader yet for ${leaderless.join(', ')}`), { apiId: 'LEADER_NOT_AVAILABLE' });
}

/** A topic that was just created somewhere and is not ready everywhere yet. */
function isTopicSettling(error: unknown): boolean {
  return kafkaErrorIds(error).some((id) => SETTLING.has(id));
}
