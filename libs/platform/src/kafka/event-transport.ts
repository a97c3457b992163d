import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, type Message, MessagesStream, MessagesStreamFallbackModes, MessagesStreamModes } from '@platformatic/kafka';
import { MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { DEAD_LETTER_HEADERS, deadLetterTopic, decodeKafkaMessage, EventEnvelope, logicalTopic, physicalTopic } from '@pejling/contracts';
import { clientOptions, createProducer, ensureTopics, EventProducer, KafkaConnection, KafkaSasl } from './kafka-client';
import { withDeadline } from '../http/dependency-outage';
import { isTransientError } from './transient-errors';
import { ConsumerMonitor, PartitionLag } from './consumer-monitor';
import type { ServiceMetrics } from '../metrics/service-metrics';

export interface KafkaEventTransportOptions {
  brokers: string;
  /** Credentials towards a secured broker (KAFKA_SASL_*); none for the plain one. */
  sasl?: KafkaSasl;
  clientId: string;
  groupId: string;
  /** Static membership: a restarted instance with the same id rejoins without a rebalance. */
  groupInstanceId?: string;
  topicPrefix: string;
  partitions: number;
  maxAttempts: number;
  retryBackoffMs: number;
  /** The backoff doubles per attempt up to this ceiling (default 30 s). */
  maxRetryBackoffMs?: number;
  /** Messages by outcome, and the lag and state gauges, go here. */
  metrics?: ServiceMetrics;
  /** The consumer's state and lag, for readiness. */
  monitor?: ConsumerMonitor;
  /** Called once if reading stops for good (a bug, not an outage): a service exits so its supervisor restarts it. */
  onCrash?: (error: unknown) => void;
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

type KafkaMessage = Message<Buffer, Buffer, Buffer, Buffer>;

interface Delivery {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** The messages of one partition waiting for their handler, handled strictly in offset order. */
interface Lane {
  topic: string;
  partition: number;
  queue: KafkaMessage[];
  draining: boolean;
  /** The offset after the last message taken in: the stream may deliver a message again (a rejoin fetches from the committed offset). */
  next: bigint | undefined;
}

/** Messages read ahead of the handlers (over all partitions) before reading pauses. */
const MAX_BUFFERED = 3 * MAX_BATCH_EVENTS;

/** Pause before the stream is opened again after the client closed it (a failed rejoin, a lost coordinator). */
const REOPEN_DELAY_MS = 1_000;
/** A rejoin that takes longer than this (longer than the rebalance timeout) counts as failed. */
const REJOIN_TIMEOUT_MS = 90_000;

/**
 * A Nest microservice transport over the platform's Kafka client that consumes Pejling events. Unlike Nest's built-in
 * Kafka transport it validates every event (a binary-mode CloudEvent, or the JSON envelope of
 * before during a rolling upgrade) against the contracts and parks what can never be
 * processed on `<topic>.dlt` with the reason: a message that does not decode or validate at once,
 * one whose handler keeps failing for its own reasons after `maxAttempts`. An outage (database,
 * Redis, network) is not the message's fault: it is retried with capped backoff until it passes,
 * so a restart of PostgreSQL never dead-letters good events; the client heartbeats in the
 * background meanwhile, so the group keeps the partition. Each partition is handled in offset
 * order (one lane per partition, partitions side by side), and its offset committed once handled.
 * Handlers are `@EventPattern(TOPICS.x)` methods that receive the parsed `EventEnvelope`.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private readonly connection: KafkaConnection;
  private consumer: Consumer | undefined;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  private producer: EventProducer | undefined;
  private pumping: Promise<void> | undefined;
  private stopping = false;
  private readonly lanes = new Map<string, Lane>();
  private buffered = 0;
  private wakePump: (() => void) | undefined;
  private signalled = false;
  private readonly log = new Logger(KafkaEventTransport.name);

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
    this.connection = { brokers: options.brokers, clientId: options.clientId, sasl: options.sasl };
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops reading, lets each partition finish the message (or batch) in flight, commits it, and leaves the group. */
  async close(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.pumping;
    if (this.options.monitor && this.options.monitor.state !== 'crashed') this.options.monitor.state = 'stopped';
    await Promise.all([...this.lanes.values()].map((lane) => this.untilIdle(lane)));
    await this.stream?.close().catch((error: unknown) => this.log.warn({ err: error }, 'closing the message stream failed'));
    await this.consumer?.close().catch((error: unknown) => this.log.warn({ err: error }, 'leaving the consumer group failed'));
    await this.producer?.close().catch(() => undefined);
  }

  on(): void {
    throw new Error('KafkaEventTransport does not emit status events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { topicPrefix, groupId } = this.options;
    const topics = [...this.getHandlers().keys()].map((pattern) => physicalTopic(pattern, topicPrefix));
    await ensureTopics(this.connection, [...topics, ...topics.map(deadLetterTopic)], this.options.partitions);
    this.producer = createProducer(this.connection);
    if (topics.length === 0) return;
    const monitor = this.options.monitor;
    if (monitor) monitor.state = 'starting';
    this.consumer = this.createConsumer();
    let stream = await this.open(this.consumer, topics);
    this.pumping = this.pump(
      () => stream,
      async () => {
        this.setState('rejoining');
        try {
          stream = await withDeadline(
            this.open((this.consumer ??= this.createConsumer()), topics),
            REJOIN_TIMEOUT_MS,
            'kafka',
            'a rejoin of the consumer group',
          );
        } catch (error) {
          // A client whose rejoin failed once (the broker was away) was seen to hang on the next one
          // while it still listed its old assignments: the group had forgotten it. Start afresh.
          this.replaceConsumer();
          throw error;
        }
        this.setState('consuming');
      },
    ).catch((error: unknown) => this.crashed(error));
    if (monitor) {
      monitor.state = 'consuming';
      monitor.readLagWith(() => this.lag());
    }
    this.registerMetrics();
    this.log.log({ groupId, topics }, 'consuming');
  }

  private setState(state: 'consuming' | 'rejoining'): void {
    const monitor = this.options.monitor;
    if (monitor && monitor.state !== 'crashed' && monitor.state !== 'stopped') monitor.state = state;
  }

  private createConsumer(): Consumer {
    const consumer = new Consumer({
      ...clientOptions(this.connection),
      groupId: this.options.groupId,
      ...(this.options.groupInstanceId ? { groupInstanceId: this.options.groupInstanceId } : {}),
      autocommit: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      rebalanceTimeout: 60_000,
      // Wide fetches: a backfill arrives in large batches; a lone live event is answered at once anyway.
      maxWaitTime: 500,
      maxBytes: 4 * 1024 * 1024,
      maxBytesPerPartition: 1024 * 1024,
    });
    consumer.on('consumer:group:join', () => this.dropRevoked());
    return consumer;
  }

  /** Drops a consumer that could not rejoin, and what was read ahead for it; the next reopen joins with a new one. */
  private replaceConsumer(): void {
    const broken = this.consumer;
    this.consumer = this.createConsumer();
    for (const lane of this.lanes.values()) this.forget(lane);
    void broken?.close(true).catch(() => undefined);
  }

  private async open(consumer: Consumer, topics: string[]): Promise<MessagesStream<Buffer, Buffer, Buffer, Buffer>> {
    const stream = await consumer.consume({
      topics,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST,
    });
    // One listener for the stream's life: it switches the stream to paused mode, in which it fetches as read() drains it.
    stream.on('readable', () => this.wake());
    stream.on('close', () => this.wake());
    stream.on('error', (error: Error) => this.log.warn({ err: error }, 'message stream failed; reopening it'));
    this.stream = stream;
    return stream;
  }

  /** Reads messages into their partitions' lanes, pausing while the handlers are MAX_BUFFERED behind. */
  private async pump(current: () => MessagesStream<Buffer, Buffer, Buffer, Buffer>, reopen: () => Promise<void>): Promise<void> {
    while (!this.stopping) {
      const stream = current();
      if (this.buffered >= MAX_BUFFERED) {
        await this.signal();
        continue;
      }
      const message = stream.read() as KafkaMessage | null;
      if (message !== null) {
        this.enqueue(message);
        continue;
      }
      if (stream.destroyed || stream.readableEnded) {
        await sleep(REOPEN_DELAY_MS);
        if (this.stopping) return;
        await reopen().catch((error: unknown) => this.log.warn({ err: error }, 'reopening the message stream failed'));
        continue;
      }
      await this.signal();
    }
  }

  /** Resolves at the next wake(), or at once if one came since the last wait. */
  private signal(): Promise<void> {
    if (this.signalled) {
      this.signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wakePump = () => {
        this.wakePump = undefined;
        this.signalled = false;
        resolve();
      };
    });
  }

  private wake(): void {
    this.signalled = true;
    this.wakePump?.();
  }

  private enqueue(message: KafkaMessage): void {
    const key = `${message.topic}\u0000${message.partition}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { topic: message.topic, partition: message.partition, queue: [], draining: false, next: undefined };
      this.lanes.set(key, lane);
    }
    // Already taken in: after a rejoin the stream fetches again from the committed offset.
    if (lane.next !== undefined && message.offset < lane.next) return;
    lane.next = message.offset + 1n;
    lane.queue.push(message);
    this.buffered += 1;
    if (!lane.draining) void this.drain(lane);
  }

  /** Handles a lane's messages in order: chunks to a batch handler, or message by message; each committed once done. */
  private async drain(lane: Lane): Promise<void> {
    lane.draining = true;
    const pattern = logicalTopic(lane.topic, this.options.topicPrefix);
    const handler = this.getHandlerByPattern(pattern);
    const batched = handler?.extras?.batch === true;
    try {
      for (let failures = 0; lane.queue.length > 0 && !this.stopping;) {
        if (!this.isAssigned(lane)) {
          this.forget(lane);
          break;
        }
        const chunk = lane.queue.splice(0, batched ? MAX_BATCH_EVENTS : 1);
        const deliveries = chunk.map((message): Delivery => ({ topic: lane.topic, partition: lane.partition, message }));
        try {
          if (batched && handler && chunk.length > 1) await this.handleChunk(handler, deliveries);
          else await this.handleMessage(deliveries[0], handler, batched);
          failures = 0;
        } catch (error) {
          if (this.stopping) break;
          // Not even the dead-letter topic took it: the broker is away. Try the same messages again.
          lane.queue.unshift(...chunk);
          failures += 1;
          this.log.warn({ err: error, topic: lane.topic, partition: lane.partition }, 'could not finish messages; retrying');
          await sleep(Math.min(this.options.retryBackoffMs * 2 ** failures, this.options.maxRetryBackoffMs ?? 30_000));
          continue;
        }
        this.release(chunk.length);
        await this.commit(chunk[chunk.length - 1]);
        this.options.metrics?.messages.inc({ topic: pattern, outcome: 'processed' }, chunk.length);
      }
    } finally {
      lane.draining = false;
    }
  }

  private release(count: number): void {
    this.buffered -= count;
    if (this.buffered < MAX_BUFFERED) this.wake();
  }

  /** Commits up to and including the message; a commit refused in a rebalance is redelivered (and skipped by the idempotent handler). */
  private async commit(message: KafkaMessage): Promise<void> {
    try {
      await message.commit();
    } catch (error) {
      this.log.warn(
        { err: error, topic: message.topic, partition: message.partition, offset: String(message.offset) },
        'offset commit failed',
      );
    }
  }

  private isAssigned(lane: Lane): boolean {
    const assignments = this.consumer?.assignments;
    if (!assignments) return false;
    return assignments.some((assignment) => assignment.topic === lane.topic && assignment.partitions.includes(lane.partition));
  }

  /** After a rebalance: partitions this member lost are forgotten (their new owner starts from the committed offset). */
  private dropRevoked(): void {
    for (const lane of this.lanes.values()) if (!this.isAssigned(lane)) this.forget(lane);
  }

  /** Drops what was read ahead of a partition (the message in flight finishes), and takes in anything it is given later. */
  private forget(lane: Lane): void {
    this.release(lane.queue.splice(0).length);
    lane.next = undefined;
  }

  private async untilIdle(lane: Lane): Promise<void> {
    while (lane.draining) await sleep(20);
  }

  /** A chunk for a batch handler: undecodable messages are parked, the rest handled together; a failing chunk falls back to one by one. */
  private async handleChunk(handler: MessageHandler, deliveries: Delivery[]): Promise<void> {
    const events: EventEnvelope[] = [];
    const decodable: Delivery[] = [];
    for (const delivery of deliveries) {
      const decoded = decodeKafkaMessage(delivery.message.value ?? null, headersOf(delivery.message));
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
          offset: String(last.message.offset),
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
        await this.backOff(attempt);
      }
    }
    // The batch failed for a reason of its own: find the message that causes it.
    for (const delivery of decodable) await this.handleMessage(delivery, handler, true);
  }

  private async handleMessage(delivery: Delivery, handler: MessageHandler | null, batched: boolean): Promise<void> {
    const { topic, partition, message } = delivery;
    const pattern = logicalTopic(topic, this.options.topicPrefix);
    const decoded = decodeKafkaMessage(message.value ?? null, headersOf(message));
    if (!decoded.ok || !handler) {
      const reason = decoded.ok ? `no handler for topic ${pattern}` : decoded.reason;
      return this.deadLetter(delivery, reason, 0);
    }
    const event: EventEnvelope = decoded.event;
    for (let attempt = 1; ; attempt++) {
      try {
        const context: KafkaEventContext = { topic: pattern, partition, offset: String(message.offset), attempt };
        return await this.invoke(handler, batched ? [event] : event, context);
      } catch (error) {
        const outage = isOutage(error);
        this.log.warn({ eventId: event.id, type: event.type, attempt, transient: outage, err: error }, 'event handler failed');
        if (!outage && (error instanceof PoisonMessageError || attempt >= this.options.maxAttempts)) {
          return this.deadLetter(delivery, errorMessage(error), attempt, event.id);
        }
        // Shutting down: leave the offset uncommitted, so the message is redelivered after the restart.
        if (this.stopping) throw error;
        await this.backOff(attempt);
      }
    }
  }

  /** Calls a Nest handler and waits for what it returns (a promise or an observable). */
  private async invoke(handler: MessageHandler, payload: EventEnvelope | EventEnvelope[], context: KafkaEventContext): Promise<void> {
    await lastValueFrom(this.transformToObservable(await handler(payload, context)), { defaultValue: undefined });
  }

  /** Waits before the next attempt (exponential, capped); the client heartbeats meanwhile, so the group keeps the partition. */
  private async backOff(attempt: number): Promise<void> {
    await sleep(Math.min(this.options.retryBackoffMs * 2 ** (attempt - 1), this.options.maxRetryBackoffMs ?? 30_000));
  }

  /** Parks a message on the dead-letter topic; if even that fails, the lane tries the message again. */
  private async deadLetter({ topic, partition, message }: Delivery, reason: string, attempts: number, eventId?: string): Promise<void> {
    const dlt = deadLetterTopic(topic);
    if (!this.producer) throw new Error('dead-letter producer is not connected');
    await this.producer.send([
      {
        topic: dlt,
        key: message.key?.toString() ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: {
          ...headersOf(message),
          [DEAD_LETTER_HEADERS.originalTopic]: topic,
          [DEAD_LETTER_HEADERS.originalPartition]: String(partition),
          [DEAD_LETTER_HEADERS.originalOffset]: String(message.offset),
          [DEAD_LETTER_HEADERS.exceptionMessage]: reason.slice(0, 2000),
          [DEAD_LETTER_HEADERS.attempts]: String(attempts),
          [DEAD_LETTER_HEADERS.consumerGroup]: this.options.groupId,
        },
      },
    ]);
    this.log.error({ eventId, topic, partition, offset: String(message.offset), deadLetterTopic: dlt, reason }, 'message dead-lettered');
    this.options.metrics?.messages.inc({ topic: logicalTopic(topic, this.options.topicPrefix), outcome: 'dead_lettered' });
  }

  /** Reading stopped for good: say so (readiness, metrics, the log) and let the service decide (main exits non-zero). */
  private crashed(error: unknown): void {
    if (this.options.monitor) {
      this.options.monitor.state = 'crashed';
      this.options.monitor.failure = errorMessage(error);
    }
    this.log.fatal({ err: error }, 'the Kafka consumer stopped reading');
    this.options.onCrash?.(error);
  }

  /** Per assigned partition: the newest offset less the group's committed one. */
  private async lag(): Promise<PartitionLag[]> {
    const consumer = this.consumer;
    const assignments = consumer?.assignments ?? [];
    if (!consumer || assignments.length === 0) return [];
    const topics = assignments.map((assignment) => assignment.topic);
    const [latest, committed] = await Promise.all([
      consumer.listOffsets({ topics }),
      consumer.listCommittedOffsets({ topics: assignments }),
    ]);
    return assignments.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => {
        const end = latest.get(topic)?.[partition] ?? 0n;
        const done = committed.get(topic)?.[partition] ?? -1n;
        return { topic: logicalTopic(topic, this.options.topicPrefix), partition, lag: Number(end - (done < 0n ? 0n : done)) };
      }),
    );
  }

  private registerMetrics(): void {
    const { metrics, monitor } = this.options;
    if (!metrics) return;
    metrics.addGauge(
      'pejling_consumer_lag',
      'Messages past the committed offset, per assigned partition',
      ['topic', 'partition'],
      async () => (await this.lag()).map(({ topic, partition, lag }) => ({ labels: { topic, partition: String(partition) }, value: lag })),
    );
    metrics.addGauge('pejling_consumer_up', '1 while the Kafka consumer is reading, 0 once it has stopped or crashed', [], async () => [
      { labels: {}, value: monitor?.state === 'consuming' ? 1 : 0 },
    ]);
  }
}

/** A message's headers by name (the client hands them over as a map of buffers). */
function headersOf(message: KafkaMessage): Record<string, Buffer> {
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of message.headers) headers[name.toString()] = value;
  return headers;
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
