import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { physicalTopic } from '@pejling/contracts';
import { ensureTopics, EventProducer, KafkaConnection } from '../kafka/kafka-client';
import { KAFKA, KAFKA_PRODUCER } from '../kafka/kafka.providers';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from '../service-spec';
import { OutboxRelay } from './outbox-relay';
import { Transactions } from './transactions';

export const outboxRelayProvider: Provider = {
  provide: OutboxRelay,
  inject: [DataSource, KAFKA_PRODUCER, SERVICE_SPEC, SERVICE_ENV],
  useFactory: (dataSource: DataSource, producer: EventProducer, spec: ServiceSpec, env: ServiceEnv) =>
    new OutboxRelay(dataSource, producer, {
      schema: spec.name,
      batchSize: env.OUTBOX_BATCH_SIZE,
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      eventFormat: env.KAFKA_EVENT_FORMAT,
      schemaBaseUrl: env.EVENT_SCHEMA_BASE_URL,
    }),
};

export const transactionsProvider: Provider = {
  provide: Transactions,
  inject: [DataSource, OutboxRelay, SERVICE_ENV],
  useFactory: (dataSource: DataSource, relay: OutboxRelay, env: ServiceEnv) => new Transactions(dataSource, relay, env.KAFKA_TOPIC_PREFIX),
};

/** Creates the service's output topics, then runs the relay for the life of the process. */
@Injectable()
export class OutboxLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(KAFKA) private readonly kafka: KafkaConnection,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topics = this.spec.produces.map((topic) => physicalTopic(topic, this.env.KAFKA_TOPIC_PREFIX));
    await ensureTopics(this.kafka, topics, this.env.KAFKA_PARTITIONS);
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
