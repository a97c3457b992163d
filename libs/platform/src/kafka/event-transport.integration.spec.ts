import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { createEvent, deadLetterTopic, DEAD_LETTER_HEADERS, EventEnvelope, physicalTopic, TOPICS } from '@pejling/contracts';
import { KafkaEventTransport, PoisonMessageError } from './event-transport';

const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const kafka = new Kafka({ clientId: 'transport-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

function figureEvent(value: number): EventEnvelope {
  return createEvent(
    'figure.recorded',
    {
      figureId: '00000000-0000-4000-8000-000000000001',
      source: 'jobindsats',
      series: 'sygedagpenge',
      municipality: '147',
      period: '2021-07',
      periodKind: 'month',
      value,
      unit: 'full-time-persons',
      previousValue: null,
      revision: 1,
      sourceUpdatedAt: null,
      previousSourceUpdatedAt: null,
    },
    { source: 'test', municipality: '147' },
  );
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The KafkaEventTransport against the real broker: outages are retried, only the message's own failures are dead-lettered. */
describe('KafkaEventTransport (real Kafka)', () => {
  Logger.overrideLogger(false);
  const prefix = `ttransport${Date.now().toString(36)}${randomBytes(2).toString('hex')}.`;
  const topic = physicalTopic(TOPICS.figures, prefix);
  const deadLetters: { value: string; reason: string; attempts: string }[] = [];
  const handled: number[] = [];
  let failures: Record<number, { left: number; error: () => Error }> = {};
  let transport: KafkaEventTransport;
  const dltConsumer = kafka.consumer({ groupId: `dlt-probe-${prefix}` });
  const producer = kafka.producer();

  beforeAll(async () => {
    transport = new KafkaEventTransport({
      brokers,
      clientId: 'transport-test',
      groupId: `transport-test-${prefix}`,
      topicPrefix: prefix,
      partitions: 1,
      maxAttempts: 3,
      retryBackoffMs: 5,
      maxRetryBackoffMs: 20,
    });
    transport.addHandler(
      TOPICS.figures,
      async (event: EventEnvelope<'figure.recorded'>) => {
        const value = event.payload.value;
        const failure = failures[value];
        if (failure && failure.left > 0) {
          failure.left -= 1;
          throw failure.error();
        }
        handled.push(value);
      },
      true,
    );
    await new Promise<void>((resolve, reject) => transport.listen((error) => (error ? reject(error) : resolve())));
    await dltConsumer.connect();
    await dltConsumer.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
    await dltConsumer.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({
          value: message.value?.toString() ?? '',
          reason: String(message.headers?.[DEAD_LETTER_HEADERS.exceptionMessage] ?? ''),
          attempts: String(message.headers?.[DEAD_LETTER_HEADERS.attempts] ?? ''),
        });
      },
    });
    await producer.connect();
  });

  afterAll(async () => {
    await transport.close();
    await dltConsumer.disconnect();
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
    await admin.disconnect();
  });

  const send = (...events: (EventEnvelope | string)[]) =>
    producer.send({ topic, acks: -1, messages: events.map((event) => ({ key: '147', value: typeof event === 'string' ? event : JSON.stringify(event) })) });

  it('keeps retrying through an outage longer than maxAttempts and then processes the message; nothing is dead-lettered', async () => {
    const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    failures = { 1: { left: 10, error: outage } };
    await send(figureEvent(1));
    await waitUntil(() => handled.includes(1), 20_000, 'the message after the outage');
    expect(failures[1].left).toBe(0);
    expect(deadLetters).toHaveLength(0);
  });

  it('dead-letters a message whose handler keeps failing for its own reason after maxAttempts, and moves on', async () => {
    failures = { 2: { left: 99, error: () => new TypeError("Cannot read properties of undefined (reading 'x')") } };
    await send(figureEvent(2), figureEvent(3));
    await waitUntil(() => handled.includes(3) && deadLetters.length === 1, 20_000, 'the dead letter and the next message');
    expect(deadLetters[0]).toMatchObject({ reason: "TypeError: Cannot read properties of undefined (reading 'x')", attempts: '3' });
    expect(failures[2].left).toBe(96);
  });

  it('dead-letters a poison message at once, and an undecodable one without calling the handler', async () => {
    failures = { 4: { left: 99, error: () => new PoisonMessageError('figure for an unknown indicator') } };
    await send(figureEvent(4), '{"not":"an envelope"}', figureEvent(5));
    await waitUntil(() => handled.includes(5) && deadLetters.length === 3, 20_000, 'two more dead letters');
    expect(failures[4].left).toBe(98);
    expect(deadLetters[1]).toMatchObject({ reason: 'PoisonMessageError: figure for an unknown indicator', attempts: '1' });
    expect(deadLetters[2]).toMatchObject({ value: '{"not":"an envelope"}', reason: expect.stringMatching(/^invalid envelope/), attempts: '0' });
  });
});
