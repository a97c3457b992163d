import { Provider } from '@nestjs/common';
import { KAFKA } from '../kafka/kafka.providers';
import { KafkaConnection } from '../kafka/kafka-client';
import { TopicRetentionReader } from '../kafka/topic-retention';
import { ServiceMetrics } from '../metrics/service-metrics';
import { Transactions } from '../outbox/transactions';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from '../service-spec';
import { PruneProcessedEvents } from './prune-processed-events.use-case';
import { RetentionLock } from './retention-lock.repository';

const DAY_MS = 86_400_000;

export const retentionLockProvider: Provider = {
  provide: RetentionLock,
  inject: [SERVICE_ENV],
  useFactory: (env: ServiceEnv) => new RetentionLock(env.DATABASE_URL),
};

export const topicRetentionReaderProvider: Provider = {
  provide: TopicRetentionReader,
  inject: [KAFKA],
  useFactory: (connection: KafkaConnection) => new TopicRetentionReader(connection),
};

export const pruneProcessedEventsProvider: Provider = {
  provide: PruneProcessedEvents,
  inject: [Transactions, RetentionLock, TopicRetentionReader, ServiceMetrics, SERVICE_SPEC, SERVICE_ENV],
  useFactory: (
    transactions: Transactions,
    lock: RetentionLock,
    topics: TopicRetentionReader,
    metrics: ServiceMetrics,
    spec: ServiceSpec,
    env: ServiceEnv,
  ) =>
    new PruneProcessedEvents(transactions, lock, topics, metrics, {
      schema: spec.name,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      marginMs: env.PROCESSED_EVENTS_MARGIN_DAYS * DAY_MS,
      batchSize: env.RETENTION_BATCH_SIZE,
    }),
};
