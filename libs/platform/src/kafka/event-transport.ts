import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DEAD_LETTER_HEADERS, deadLetterTopic, decodeEvent, EventEnvelope, logicalTopic, physicalTopic } from '@pejling/contracts';
import { createKafka, createProducer, ensureTopics } from './kafka-client';
import { isTransientError } from './transient-errors';

export interface KafkaEventTransportOptions {
  brokers: string;
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
  offset: string;
  attempt: number;
}

/**
 * A Nest microservice transport over kafkajs that consumes Pejling events. Unlike Nest's built-in
 * Kafka transport it validates every envelope against the contracts and parks what can never be
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
    this.kafka = createKafka(options.brokers, options.clientId);
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
      eachMessage: (payload) => this.handleMessage(payload),
    });
    this.log.log({ groupId, topics }, 'consuming');
  }

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message, heartbeat } = payload;
    const pattern = logicalTopic(topic, this.options.topicPrefix);
    const handler = this.getHandlerByPattern(pattern);
    const decoded = decodeEvent(message.value);
    if (!decoded.ok || !handler) {
      const reason = decoded.ok ? `no handler for topic ${pattern}` : decoded.reason;
      return this.deadLetter(payload, reason, 0);
    }
    const event: EventEnvelope = decoded.event;
    const maxBackoff = this.options.maxRetryBackoffMs ?? 30_000;
    for (let attempt = 1; ; attempt++) {
      try {
        const context: KafkaEventContext = { topic: pattern, partition, offset: message.offset, attempt };
        await lastValueFrom(this.transformToObservable(await handler(event, context)), { defaultValue: undefined });
        return;
      } catch (error) {
        const transient = !(error instanceof PoisonMessageError) && isTransientError(error);
        this.log.warn({ eventId: event.id, type: event.type, attempt, transient, err: error }, 'event handler failed');
        if (!transient && (error instanceof PoisonMessageError || attempt >= this.options.maxAttempts)) {
          return this.deadLetter(payload, errorMessage(error), attempt, event.id);
        }
        // Shutting down: leave the offset uncommitted, so the message is redelivered after the restart.
        if (this.stopping) throw error;
        await sleep(Math.min(this.options.retryBackoffMs * 2 ** (attempt - 1), maxBackoff));
        await heartbeat();
      }
    }
  }

  /** Parks a message on the dead-letter topic; if even that fails, kafkajs retries the message. */
  private async deadLetter({ topic, partition, message }: EachMessagePayload, reason: string, attempts: number, eventId?: string): Promise<void> {
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
