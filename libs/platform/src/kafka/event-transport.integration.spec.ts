import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import {
  createEvent,
  deadLetterTopic,
  DEAD_LETTER_HEADERS,
  envelopeToKafkaRecord,
  EventEnvelope,
  physicalTopic,
  TOPICS,
} from '@pejling/contracts';
import { BATCH_HANDLER, KafkaEventTransport, PoisonMessageError } from './event-transport';

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
      area: 'municipality',
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
  // A second topic whose handler takes batches (as the indicators service's figure consumer does).
  const batchTopic = physicalTopic(TOPICS.indicators, prefix);
  const batches: number[][] = [];
  let batchFailures: Record<number, { left: number; error: () => Error }> = {};
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
    // A scheduled failure for a value is thrown while it has attempts left.
    const failIfScheduled = (scheduled: Record<number, { left: number; error: () => Error }>, value: number) => {
      const failure = scheduled[value];
      if (failure && failure.left > 0) {
        failure.left -= 1;
        throw failure.error();
      }
    };
    transport.addHandler(
      TOPICS.figures,
      async (event: EventEnvelope<'figure.recorded'>) => {
        failIfScheduled(failures, event.payload.value);
        handled.push(event.payload.value);
      },
      true,
    );
    transport.addHandler(
      TOPICS.indicators,
      async (events: EventEnvelope<'figure.recorded'>[]) => {
        const values = events.map((event) => event.payload.value);
        for (const value of values) failIfScheduled(batchFailures, value);
        batches.push(values);
      },
      true,
      BATCH_HANDLER,
    );
    await new Promise<void>((resolve, reject) => {
      void transport.listen((error) => (error ? reject(error) : resolve())); // it reports through the callback and never rejects
    });
    await dltConsumer.connect();
    await dltConsumer.subscribe({ topics: [deadLetterTopic(topic), deadLetterTopic(batchTopic)], fromBeginning: true });
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
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic), batchTopic, deadLetterTopic(batchTopic)] }).catch(() => undefined);
    await admin.disconnect();
  });

  /** How many messages both dead-letter topics hold (their high watermarks). */
  const deadLetterCount = async (): Promise<number> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      let count = 0;
      for (const dlt of [deadLetterTopic(topic), deadLetterTopic(batchTopic)]) {
        count += (await admin.fetchTopicOffsets(dlt)).reduce((sum, partition) => sum + Number(partition.high), 0);
      }
      return count;
    } finally {
      await admin.disconnect();
    }
  };

  const send = (...events: (EventEnvelope | string)[]) =>
    producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => ({ key: '147', value: typeof event === 'string' ? event : JSON.stringify(event) })),
    });

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
    expect(deadLetters[2]).toMatchObject({
      value: '{"not":"an envelope"}',
      reason: expect.stringMatching(/^invalid envelope/),
      attempts: '0',
    });
  });

  it('accepts a binary-mode CloudEvent and the previous JSON envelope alike (rolling upgrade), and dead-letters what is neither', async () => {
    const before = deadLetters.length;
    const cloudEvent = envelopeToKafkaRecord(figureEvent(6), 'cloudevents', 'http://schemas.test');
    const envelope = envelopeToKafkaRecord(figureEvent(7), 'envelope', 'http://schemas.test');
    // A CloudEvent whose payload breaks its schema, and one of a type nobody knows.
    const badPayload = {
      ...envelopeToKafkaRecord(figureEvent(8), 'cloudevents', 'http://schemas.test'),
      value: JSON.stringify({ value: 'x' }),
    };
    const unknownType = { ...cloudEvent, headers: { ...cloudEvent.headers, ce_type: 'figure.exploded' } };
    await producer.send({ topic, acks: -1, messages: [cloudEvent, badPayload, unknownType, envelope] });
    await waitUntil(() => handled.includes(7) && deadLetters.length >= before + 2, 20_000, 'both formats and two dead letters');
    expect(handled).toEqual(expect.arrayContaining([6, 7]));
    expect(handled).not.toContain(8);
    expect(deadLetters.slice(before).map((letter) => letter.reason)).toEqual([
      expect.stringMatching(/^invalid figure.recorded v3 payload/),
      "unknown event type 'figure.exploded'",
    ]);
  });

  describe('with a batch handler', () => {
    const sendBatch = (...values: number[]) =>
      producer.send({
        topic: batchTopic,
        acks: -1,
        messages: values.map((value) => ({ key: '147', value: JSON.stringify(figureEvent(value)) })),
      });
    const handledInBatches = () => batches.flat();

    it('hands consecutive messages to the handler together, in offset order', async () => {
      await sendBatch(...Array.from({ length: 50 }, (_, i) => 100 + i));
      await waitUntil(() => handledInBatches().includes(149), 20_000, 'the fiftieth message');
      expect(handledInBatches().filter((value) => value >= 100 && value < 150)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
      expect(Math.max(...batches.map((batch) => batch.length))).toBeGreaterThan(1);
    });

    it('works through a backlog larger than its read-ahead, every message once and in order', async () => {
      // More than the transport buffers ahead of its handlers: reading has to pause and resume.
      const values = Array.from({ length: 5_000 }, (_, i) => 10_000 + i);
      for (let start = 0; start < values.length; start += 1_000) await sendBatch(...values.slice(start, start + 1_000));
      await waitUntil(() => handledInBatches().includes(14_999), 60_000, 'the last message of the backlog');
      expect(handledInBatches().filter((value) => value >= 10_000 && value < 15_000)).toEqual(values);
    });

    it('retries the whole batch through an outage, dead-letters nothing', async () => {
      const outage = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
      batchFailures = { 201: { left: 6, error: outage } };
      await sendBatch(200, 201, 202);
      await waitUntil(() => handledInBatches().includes(202), 20_000, 'the batch after the outage');
      expect(handledInBatches().filter((value) => value >= 200 && value < 203)).toEqual([200, 201, 202]);
      expect(deadLetters.filter((letter) => letter.value.includes('"value":201'))).toHaveLength(0);
    });

    it('isolates the one message that keeps failing: it alone is dead-lettered, its neighbours are handled once', async () => {
      const before = deadLetters.length;
      batchFailures = { 313: { left: 99, error: () => new TypeError('unit mismatch in the batch') } };
      await producer.send({
        topic: batchTopic,
        acks: -1,
        messages: [
          ...Array.from({ length: 30 }, (_, i) => ({ key: '147', value: JSON.stringify(figureEvent(300 + i)) })),
          { key: '147', value: '{"not":"an envelope"}' },
          { key: '147', value: JSON.stringify(figureEvent(330)) },
        ],
      });
      await waitUntil(
        () => handledInBatches().includes(330) && deadLetters.length >= before + 2,
        20_000,
        'the batch around the poison message',
      );
      // A sentinel on the same partition: once it is handled, the transport is done with everything before it
      // (no replay, no second dead letter still to come), and the probe has read every dead letter there is.
      await producer.send({ topic: batchTopic, acks: -1, messages: [{ key: '147', value: JSON.stringify(figureEvent(331)) }] });
      await waitUntil(() => handledInBatches().includes(331), 20_000, 'the sentinel after the batch');
      const parked = await deadLetterCount();
      await waitUntil(() => deadLetters.length >= parked, 20_000, `the probe to read all ${parked} dead letters`);
      // The poison message and the undecodable one, each parked once.
      expect(
        deadLetters
          .slice(before)
          .map((letter) => letter.attempts)
          .sort(),
      ).toEqual(['0', '3']);
      const handled300s = handledInBatches().filter((value) => value >= 300 && value <= 330);
      expect(handled300s).toEqual(Array.from({ length: 31 }, (_, i) => 300 + i).filter((value) => value !== 313));
      const poison = deadLetters.slice(before).find((letter) => letter.attempts === '3')!;
      expect(poison.reason).toBe('TypeError: unit mismatch in the batch');
      expect(JSON.parse(poison.value).payload.value).toBe(313);
    });
  });
});
