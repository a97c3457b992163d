import { Kafka, logLevel } from 'kafkajs';
import { decodeKafkaMessage, EventEnvelope, physicalTopic } from '@pejling/contracts';
import { uniqueId } from './test-env';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export function testKafka(): Kafka {
  return new Kafka({ clientId: 'pejling-test', brokers, logLevel: logLevel.NOTHING });
}

export interface ReceivedMessage {
  key: string | null;
  headers: Record<string, string>;
  value: string;
  event: EventEnvelope | undefined;
}

/**
 * Reads a topic from the beginning in its own consumer group and collects every message, so a
 * test can assert what was (and was not) published.
 */
export class TopicProbe {
  readonly messages: ReceivedMessage[] = [];
  private readonly consumer;

  private constructor(private readonly topic: string) {
    this.consumer = testKafka().consumer({ groupId: `probe-${uniqueId()}` });
  }

  static async start(topic: string, prefix: string): Promise<TopicProbe> {
    const probe = new TopicProbe(physicalTopic(topic, prefix));
    const admin = testKafka().admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: probe.topic, numPartitions: 3 }] }).catch(() => undefined);
    await admin.disconnect();
    await probe.consumer.connect();
    await probe.consumer.subscribe({ topic: probe.topic, fromBeginning: true });
    await probe.consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value?.toString() ?? '';
        const decoded = decodeKafkaMessage(message.value, message.headers);
        probe.messages.push({
          key: message.key?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value,
          event: decoded.ok ? decoded.event : undefined,
        });
      },
    });
    return probe;
  }

  events(): EventEnvelope[] {
    return this.messages.flatMap((message) => (message.event ? [message.event] : []));
  }

  async waitFor(predicate: (messages: ReceivedMessage[]) => boolean, timeoutMs = 20_000): Promise<ReceivedMessage[]> {
    await waitUntil(() => predicate(this.messages), timeoutMs, `messages on ${this.topic}`);
    return this.messages;
  }

  /** Waits until the probe has read every message the topic holds now (its high watermarks). */
  async waitForEnd(timeoutMs = 20_000): Promise<ReceivedMessage[]> {
    const size = await physicalTopicSize(this.topic);
    await waitUntil(
      () => this.messages.length >= size,
      timeoutMs,
      () => `the probe to read all ${size} messages on ${this.topic} (has ${this.messages.length})`,
    );
    return this.messages;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** The sum of the high watermarks of a topic: grows by one per published message. */
export async function topicSize(topic: string, prefix: string): Promise<number> {
  return physicalTopicSize(physicalTopic(topic, prefix));
}

async function physicalTopicSize(topic: string): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

export async function produceRaw(
  topic: string,
  prefix: string,
  messages: { key: string; value: string; headers?: Record<string, string> }[],
): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({ topic: physicalTopic(topic, prefix), acks: -1, messages });
  await producer.disconnect();
}

/** Polls the condition until it holds; `what` names it in the failure (a function can say what was last seen). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
