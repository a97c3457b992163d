import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventProducer, OutgoingRecord } from '../kafka/kafka-client';
import { EVENT_SUBJECT_FIELDS, EventFormat, toKafkaRecord } from '@pejling/contracts';
import { deleteSentOutboxRows, OutboxRow, preferOutboxIndex, tryLockOutbox, unpublishedOutboxRows } from './outbox.repository';

/**
 * Bytes per produce request. The client writes one record batch per partition per request, and the
 * broker refuses a batch over `message.max.bytes` (1 MiB by default): 2.000 rows of readings for
 * one municipality would exceed it and block the outbox.
 */
const MAX_REQUEST_BYTES = 896 * 1024;

/** Batches sent per transaction (and per hold of the relay's lock). */
const BATCHES_PER_TRANSACTION = 5;

/** An empty poll that took t ms is followed by a pause of at least this × t. */
const IDLE_POLL_BACKOFF = 10;

export interface OutboxRelayOptions {
  schema: string;
  batchSize: number;
  pollIntervalMs: number;
  /** `cloudevents` (binary mode) or `envelope` (the previous JSON envelope, during a rolling upgrade). */
  eventFormat?: EventFormat;
  /** The base URL of `ce_dataschema`. */
  schemaBaseUrl?: string;
}

/** Each type's subject field, for PostgreSQL to pick the subject out of the payload (`payload ->> fields ->> type`). */
const SUBJECT_FIELDS_JSON = JSON.stringify(EVENT_SUBJECT_FIELDS);

/**
 * Publishes committed outbox rows to Kafka, oldest first, and deletes them in the same
 * transaction that locked them. A crash between send and commit re-publishes (consumers are
 * idempotent); nothing is lost. A transaction-scoped advisory lock makes one relay per schema
 * active at a time, which keeps per-municipality order when several instances run.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a commit that wrote outbox rows, so they go out now rather than at the next poll. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /** Stops after the batch in flight and one last drain. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.drain().catch((error) => this.logger.warn({ err: error }, 'final outbox drain failed; rows stay for the next start'));
  }

  /** Publishes until the outbox is empty. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.options.batchSize * BATCHES_PER_TRANSACTION) return total;
    }
  }

  /**
   * Up to BATCHES_PER_TRANSACTION batches in one transaction, each sent (and acknowledged) before
   * the next: while one batch is on its way to Kafka, the next is read from the table.
   */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await tryLockOutbox(manager, this.options.schema))) return 0;
      await preferOutboxIndex(manager);
      const fetch = (afterSeq: string): Promise<OutboxRow[]> =>
        unpublishedOutboxRows(manager, { limit: this.options.batchSize, afterSeq, subjectFields: SUBJECT_FIELDS_JSON });
      let rows = await fetch('0');
      let published = 0;
      for (let batch = 1; rows.length > 0; batch++) {
        const sending = this.send(rows);
        const full = rows.length === this.options.batchSize && batch < BATCHES_PER_TRANSACTION;
        const next = full ? fetch(rows[rows.length - 1].seq) : Promise.resolve([]);
        next.catch(() => undefined); // awaited below; a failed send ends the transaction first
        await sending;
        await deleteSentOutboxRows(
          manager,
          rows.map((row) => row.seq),
        );
        this.logger.debug({ count: rows.length, first: rows[0].event_id }, 'published outbox batch');
        published += rows.length;
        rows = await next;
      }
      return published;
    });
  }

  /** Sends rows in order, in requests of at most MAX_REQUEST_BYTES, each acknowledged before the next. */
  private async send(rows: OutboxRow[]): Promise<void> {
    let part: OutboxRow[] = [];
    let bytes = 0;
    for (const row of rows) {
      // The envelope (more than the payload alone) plus key, the CloudEvents headers and record framing, counted generously.
      const size = Buffer.byteLength(row.body) + row.key.length + 512;
      if (part.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
        await this.producer.send(this.toRecords(part));
        part = [];
        bytes = 0;
      }
      part.push(row);
      bytes += size;
    }
    if (part.length > 0) await this.producer.send(this.toRecords(part));
  }

  private toRecords(rows: OutboxRow[]): OutgoingRecord[] {
    const format = this.options.eventFormat ?? 'cloudevents';
    const base = this.options.schemaBaseUrl ?? 'http://127.0.0.1:3001';
    return rows.map((row) => ({
      topic: row.topic,
      ...toKafkaRecord(
        {
          id: row.event_id,
          type: row.type,
          version: row.version,
          source: row.source,
          time: row.time,
          municipality: row.key,
          correlationId: row.correlation_id,
          subject: row.subject,
          payloadJson: row.payload,
          envelopeJson: row.body,
        },
        format,
        base,
      ),
    }));
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      try {
        const published = await this.drain();
        // An empty poll can be slow: a large import's uncommitted rows are in the index, and each
        // poll steps over them. Idle polls then back off, so they cost at most ~1/10 of the time.
        if (published === 0) await this.sleep(Math.max(this.options.pollIntervalMs, IDLE_POLL_BACKOFF * (Date.now() - started)));
      } catch (error) {
        this.logger.error({ err: error }, 'outbox relay failed; retrying');
        await this.sleep(this.options.pollIntervalMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.pendingWake = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
