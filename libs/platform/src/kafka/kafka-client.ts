import { Logger } from '@nestjs/common';
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer, SASLOptions } from 'kafkajs';
import type { BaseEnv } from '../config/env';

/** kafkajs logs routed into the service's structured logger. */
function logCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    if (level <= logLevel.ERROR) logger.error(extra, message);
    else if (level === logLevel.WARN) logger.warn(extra, message);
    else logger.debug?.(extra, message);
  };
}

/** The SASL settings of a validated environment (all three variables or none, see env.ts). */
export function kafkaSasl(
  env: Pick<BaseEnv, 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'>,
): SASLOptions | undefined {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  if (!mechanism || !username || !password) return undefined;
  // kafkajs types each mechanism separately; the three share { username, password }.
  return { mechanism, username, password } as SASLOptions;
}

/** A kafkajs client; with `sasl` it authenticates (SASL over plaintext, as the secured local broker offers). */
export function createKafka(brokers: string, clientId: string, sasl?: SASLOptions): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

export function createProducer(kafka: Kafka): Producer {
  // The Java-compatible murmur2 partitioner, so any client maps a municipality key to the same partition.
  return kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
}

/** Creates the topics (and their dead-letter topics) a service uses; existing ones are left alone. */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Services starting together create the same topics: the broker may answer one of them that a
    // topic exists but has no leader yet ("does not host this topic-partition"). That passes; retry.
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
    await admin.disconnect();
  }
}

const ENSURE_ATTEMPTS = 8;
const SETTLING = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_CONTROLLER', 'REQUEST_TIMED_OUT']);

async function createMissing(admin: Admin, topics: string[], partitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    await admin
      .createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) })
      .catch((error: { type?: string }) => {
        // Another service created it in the meantime.
        if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
      });
  }
  // Every topic has a leader for each partition before the service goes on (another service's creation included).
  const metadata = await admin.fetchTopicMetadata({ topics });
  const leaderless = metadata.topics.filter(
    (topic) => topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0),
  );
  if (leaderless.length > 0)
    throw Object.assign(new Error(`no leader yet for ${leaderless.map((topic) => topic.name).join(', ')}`), {
      type: 'LEADER_NOT_AVAILABLE',
    });
}

/** A topic that was just created somewhere and is not ready everywhere yet. */
function isTopicSettling(error: unknown): boolean {
  const { type, retriable } = (error ?? {}) as { type?: string; retriable?: boolean };
  return (type !== undefined && SETTLING.has(type)) || retriable === true;
}
