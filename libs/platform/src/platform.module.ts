import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyGuard } from './access/api-key.guard';
import { ApiKeysRepository } from './access/api-keys.repository';
import { PrincipalResolver } from './access/principal-resolver';
import { databaseTimeouts, serviceDataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { DocsController } from './openapi/docs.controller';
import { MetricsController } from './metrics/metrics.controller';
import { OutboxMetrics } from './metrics/outbox-metrics';
import { OutboxBacklogRepository } from './outbox/outbox-backlog.repository';
import { ServiceMetrics } from './metrics/service-metrics';
import { ConsumerMonitor } from './kafka/consumer-monitor';
import { SingleQueryValues } from './http/request-pipes';
import { ServiceErrorFilter } from './http/service-error.filter';
import { MediaTypeGuard } from './http/media-type.guard';
import { kafkaProvider, producerProvider, ProducerShutdown, KAFKA, KAFKA_PRODUCER } from './kafka/kafka.providers';
import { loggerModule } from './logging/logger';
import { OutboxLifecycle, outboxRelayProvider, transactionsProvider } from './outbox/outbox.providers';
import { OutboxRelay } from './outbox/outbox-relay';
import { Transactions } from './outbox/transactions';
import { pruneProcessedEventsProvider, retentionLockProvider, topicRetentionReaderProvider } from './retention/retention.providers';
import { PruneProcessedEvents } from './retention/prune-processed-events.use-case';
import { RetentionLock } from './retention/retention-lock.repository';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from './service-spec';

/**
 * Everything a Pejling service runs on: validated settings, JSON logs, its database schema,
 * Kafka, the transactional outbox and its relay, the processed-event ids' pruning (each app
 * schedules it), API-key access control, `/health` and the
 * published docs (`/openapi.json`, `/docs`, `/asyncapi.yaml`, `/schemas/...`, `/docs/events`).
 * Each app imports it once with its own spec; app modules then hold only their domain glue.
 */
@Module({})
export class PlatformModule {
  static forService(spec: ServiceSpec, env: ServiceEnv): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        loggerModule(spec.name, env.LOG_LEVEL),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: env.DATABASE_URL,
            schema: spec.name,
            entities: spec.entities,
            migrations: spec.migrations,
            timeouts: databaseTimeouts(env),
          }),
        ),
        TerminusModule.forRoot({ logger: false }),
        DiscoveryModule,
      ],
      controllers: [HealthController, DocsController, MetricsController],
      providers: [
        { provide: SERVICE_ENV, useValue: env },
        { provide: SERVICE_SPEC, useValue: spec },
        { provide: ServiceMetrics, useValue: new ServiceMetrics(spec.name) },
        { provide: ConsumerMonitor, useValue: new ConsumerMonitor() },
        OutboxBacklogRepository,
        OutboxMetrics,
        kafkaProvider,
        producerProvider,
        ProducerShutdown,
        outboxRelayProvider,
        transactionsProvider,
        OutboxLifecycle,
        retentionLockProvider,
        topicRetentionReaderProvider,
        pruneProcessedEventsProvider,
        ApiKeysRepository,
        PrincipalResolver,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: MediaTypeGuard },
        { provide: APP_PIPE, useClass: SingleQueryValues },
        { provide: APP_FILTER, useClass: ServiceErrorFilter },
      ],
      exports: [
        SERVICE_ENV,
        SERVICE_SPEC,
        ServiceMetrics,
        ConsumerMonitor,
        KAFKA,
        KAFKA_PRODUCER,
        OutboxRelay,
        Transactions,
        RetentionLock,
        PruneProcessedEvents,
        ApiKeysRepository,
        PrincipalResolver,
      ],
    };
  }
}
