import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer, SASLOptions } from 'kafkajs';
import { MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { DEAD_LETTER_HEADERS, deadLetterTopic, decodeKafkaMessage, EventEnvelope, logicalTopic, physicalTopic } from '@pejling/contracts';
import { createKafka, createProducer, ensureTopics } from './kafka-client';
import { isTransientError } from './transient-errors';

export interface KafkaEventTransportOptions {
  brokers: string;
  /** Credentials towards a secured broker (KAFKA_SASL_*); none for the plain one. */
  sasl?: SASLOptions;
  clientId: string;
  groupId: string;
  topicPrefix: string;
  partitions: number;
  maxAttempts: number;
  retryBackoffMs: number;
  /** The backoff doubles per attempt up to this ceiling (default 30 s). */
  maxRetryBackoffMs?: number;
  partitionsConsumedConcurrently?: number;
}

/** Thrown by a handler for a message that can never succeed: it goes to the dead-letter topic at once. */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

export interface KafkaEventContext {
  topic: string;
  partition: number;
  /** The offset of the (last) message handled. */
  offset: string;
  attempt: number;
}

/**
 * Handler extras for `@EventPattern(topic, BATCH_HANDLER)`: the handler receives an array of
 * envelopes, up to `MAX_BATCH_EVENTS` consecutive messages of one partition in offset order, so it
 * can write a whole backfill chunk in one transaction. If a batch fails for its own reasons, its
 * messages are handled again one at a time, so only the poison message is dead-lettered.
 */
export const BATCH_HANDLER = { batch: true } as const;
export const MAX_BATCH_EVENTS = 1000;

interface Delivery {
  topic: string;
  partition: number;
  message: KafkaMessage;
  heartbeat: () => Promise<void>;
}

/**
 * A Nest microservice transport over kafkajs that consumes Pejling events. Unlike Nest's built-in
 * Kafka transport it validates every event (a binary-mode CloudEvent, or the JSON envelope of
 * before during a rolling upgrade) against the contracts and parks what can never be
 * processed on `<topic>.dlt` with the reason: a message that does not decode or validate at once,
 * one whose handler keeps failing for its own reasons after `maxAttempts`. An outage (database,
 * Redis, network) is not the message's fault: it is retried with capped backoff until it passes,
 * so a restart of PostgreSQL never dead-letters good events. Handlers are `@EventPattern(TOPICS.x)`
 * methods that receive the parsed `EventEnvelope`.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private readonly kafka: Kafka;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private stopping = false;
  private readonly log = new Logger(KafkaEventTransport.name);

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
    this.kafka = createKafka(options.brokers, options.clientId, options.sasl);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    // disconnect() waits for the message in flight, so a SIGTERM finishes the work it started.
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  on(): void {
    throw new Error('KafkaEventTransport does not emit status events');
  }

  unwrap<T>(): T {
    return this.kafka as T;
  }

  private async start(): Promise<void> {
    const { topicPrefix, groupId } = this.options;
    const topics = [...this.getHandlers().keys()].map((pattern) => physicalTopic(pattern, topicPrefix));
    await ensureTopics(this.kafka, [...topics, ...topics.map(deadLetterTopic)], this.options.partitions);
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, allowAutoTopicCreation: false });
    await this.consumer.connect();
    if (topics.length === 0) return;
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.log.log({ groupId, topics }, 'consuming');
  }

  /** One fetched batch of a partition: chunks to a batch handler, or message by message; offsets committed as they are done. */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const pattern = logicalTopic(batch.topic, this.options.topicPrefix);
    const handler = this.getHandlerByPattern(pattern);
    const batched = handler?.extras?.batch === true;
    const delivery = (message: KafkaMessage): Delivery => ({ topic: batch.topic, partition: batch.partition, message, heartbeat });
    for (let start = 0; start < batch.messages.length;) {
      if (!isRunning() || isStale()) return;
      const chunk = batched ? batch.messages.slice(start, start + MAX_BATCH_EVENTS) : [batch.messages[start]];
      if (batched && handler && chunk.length > 1) await this.handleChunk(handler, chunk.map(delivery));
      else await this.handleMessage(delivery(chunk[0]), handler, batched);
      start += chunk.length;
      resolveOffset(chunk[chunk.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** A chunk for a batch handler: undecodable messages are parked, the rest handled together; a failing chunk falls back to one by one. */
  private async handleChunk(handler: MessageHandler, deliveries: Delivery[]): Promise<void> {
    const events: EventEnvelope[] = [];
    const decodable: Delivery[] = [];
    for (const delivery of deliveries) {
      const decoded = decodeKafkaMessage(delivery.message.value, delivery.message.headers);
      if (!decoded.ok) {
        await this.deadLetter(delivery, decoded.reason, 0);
        continue;
      }
      events.push(decoded.event);
      decodable.push(delivery);
    }
    if (events.length === 0) return;
    const last = deliveries[deliveries.length - 1];
    for (let attempt = 1; ; attempt++) {
      try {
        const context: KafkaEventContext = {
          topic: logicalTopic(last.topic, this.options.topicPrefix),
          partition: last.partition,
          offset: last.message.offset,
          attempt,
        };
        return await this.invoke(handler, events, context);
      } catch (error) {
        const outage = isOutage(error);
        this.log.warn(
          { events: events.length, firstEventId: events[0].id, attempt, transient: outage, err: error },
          'batch handler failed',
        );
        if (this.stopping) throw error;
        if (!outage) break;
        await this.backOff(attempt, last.heartbeat);
      }
    }
    // The batch failed for a reason of its own: find the message that causes it.
    for (const delivery of decodable) await this.handleMessage(delivery, handler, true);
  }

  private async handleMessage(delivery: Delivery, handler: MessageHandler | null, batched: boolean): Promise<void> {
    const { topic, partition, message, heartbeat } = delivery;
    const pattern = logicalTopic(topic, this.options.topicPrefix);
    const decoded = decodeKafkaMessage(message.value, message.headers);
    if (!decoded.ok || !handler) {
      const reason = decoded.ok ? `no handler for topic ${pattern}` : decoded.reason;
      return this.deadLetter(delivery, reason, 0);
    }
    const event: EventEnvelope = decoded.event;
    for (let attempt = 1; ; attempt++) {
      try {
        const context: KafkaEventContext = { topic: pattern, partition, offset: message.offset, attempt };
        return await this.invoke(handler, batched ? [event] : event, context);
      } catch (error) {
        const outage = isOutage(error);
        this.log.warn({ eventId: event.id, type: event.type, attempt, transient: outage, err: error }, 'event handler failed');
        if (!outage && (error instanceof PoisonMessageError || attempt >= this.options.maxAttempts)) {
          return this.deadLetter(delivery, errorMessage(error), attempt, event.id);
        }
        // Shutting down: leave the offset uncommitted, so the message is redelivered after the restart.
        if (this.stopping) throw error;
        await this.backOff(attempt, heartbeat);
      }
    }
  }

  /** Calls a Nest handler and waits for what it returns (a promise or an observable). */
  private async invoke(handler: MessageHandler, payload: EventEnvelope | EventEnvelope[], context: KafkaEventContext): Promise<void> {
    await lastValueFrom(this.transformToObservable(await handler(payload, context)), { defaultValue: undefined });
  }

  /** Waits before the next attempt (exponential, capped) and heartbeats, so the group keeps the partition. */
  private async backOff(attempt: number, heartbeat: () => Promise<void>): Promise<void> {
    await sleep(Math.min(this.options.retryBackoffMs * 2 ** (attempt - 1), this.options.maxRetryBackoffMs ?? 30_000));
    await heartbeat();
  }

  /** Parks a message on the dead-letter topic; if even that fails, kafkajs retries the message. */
  private async deadLetter({ topic, partition, message }: Delivery, reason: string, attempts: number, eventId?: string): Promise<void> {
    const dlt = deadLetterTopic(topic);
    if (!this.producer) throw new Error('dead-letter producer is not connected');
    await this.producer.send({
      topic: dlt,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [DEAD_LETTER_HEADERS.originalTopic]: topic,
            [DEAD_LETTER_HEADERS.originalPartition]: String(partition),
            [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
            [DEAD_LETTER_HEADERS.exceptionMessage]: reason.slice(0, 2000),
            [DEAD_LETTER_HEADERS.attempts]: String(attempts),
            [DEAD_LETTER_HEADERS.consumerGroup]: this.options.groupId,
          },
        },
      ],
    });
    this.log.error({ eventId, topic, partition, offset: message.offset, deadLetterTopic: dlt, reason }, 'message dead-lettered');
  }
}

/** An outage (database, Redis, network) is retried until it passes; it is not the message's fault. */
function isOutage(error: unknown): boolean {
  return !(error instanceof PoisonMessageError) && isTransientError(error);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
