import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { accessDataSourceOptions } from './access/access-migrations';
import { validateEnv } from './config/env';
import { verifyJsonBody } from './http/json-body';
import { trustedProxies } from './http/client-address';
import { runMigrations } from './database/migrate';
import { serviceDataSourceOptions } from './database/data-source-options';
import { KafkaEventTransport } from './kafka/event-transport';
import { kafkaSasl } from './kafka/kafka-client';
import { ConsumerMonitor } from './kafka/consumer-monitor';
import { httpMetrics } from './metrics/http-metrics';
import { ServiceMetrics } from './metrics/service-metrics';
import { ServiceEnv, ServiceSpec } from './service-spec';

export interface ServiceApp<E extends ServiceEnv> {
  spec: ServiceSpec;
  envSchema: z.ZodObject;
  /** Builds the root module from the validated settings. */
  module: (env: E) => Type<unknown> | import('@nestjs/common').DynamicModule;
  /** Whether the service consumes events (all but ingest). */
  consumes: boolean;
}

/**
 * Creates a service: validates its settings (failing with the variable's name), migrates its
 * schema under a lock, wires logging, body limits, graceful shutdown and the Kafka consumer.
 * Used by every `main.ts` and by the integration tests, so tests run exactly what production runs.
 */
export async function createService<E extends ServiceEnv>(
  app: ServiceApp<E>,
  rawEnv: Record<string, unknown>,
  options: { onConsumerCrash?: (error: unknown) => void } = {},
): Promise<{ nest: INestApplication; env: E }> {
  const env = validateEnv(app.envSchema, rawEnv, `pejling-${app.spec.name}`) as E;
  await runMigrations([
    accessDataSourceOptions(env.DATABASE_URL),
    serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: app.spec.name,
      entities: app.spec.entities,
      migrations: app.spec.migrations,
    }),
  ]);
  const nest = await NestFactory.create<NestExpressApplication>(app.module(env), { bufferLogs: true, bodyParser: false });
  nest.useLogger(nest.get(Logger));
  // Off unless TRUST_PROXY names the proxies: otherwise a client could pick its address in X-Forwarded-For.
  const proxies = trustedProxies(env.TRUST_PROXY);
  if (proxies) nest.set('trust proxy', proxies);
  const metrics = nest.get(ServiceMetrics);
  nest.use(httpMetrics(metrics));
  nest.useBodyParser('json', { limit: env.HTTP_BODY_LIMIT, verify: verifyJsonBody });
  // Plans as code are written in YAML; the raw text reaches the controller, which parses and validates it.
  nest.useBodyParser('text', { limit: env.HTTP_BODY_LIMIT, type: ['application/yaml', 'application/x-yaml', 'text/yaml'] });
  if (app.consumes) {
    nest.connectMicroservice(
      {
        strategy: new KafkaEventTransport({
          brokers: env.KAFKA_BROKERS,
          sasl: kafkaSasl(env),
          clientId: `pejling-${app.spec.name}`,
          // Namespaced like the topics: environments (and test runs) sharing a cluster must not share a group,
          // or each one's members joining and leaving rebalance the others' consumers.
          groupId: `${env.KAFKA_TOPIC_PREFIX}pejling-${app.spec.name}`,
          groupInstanceId: env.KAFKA_GROUP_INSTANCE_ID,
          topicPrefix: env.KAFKA_TOPIC_PREFIX,
          partitions: env.KAFKA_PARTITIONS,
          maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
          retryBackoffMs: env.CONSUMER_RETRY_BACKOFF_MS,
          metrics,
          monitor: nest.get(ConsumerMonitor),
          onCrash: options.onConsumerCrash,
        }),
      },
      { inheritAppConfig: true },
    );
  }
  return { nest, env };
}

/** Starts a service from a `main.ts`: consumers first, then HTTP; prints a clear error and exits on bad config. */
export async function runService<E extends ServiceEnv>(app: ServiceApp<E>): Promise<void> {
  try {
    const { nest, env } = await createService(app, process.env, {
      // A consumer that stops for good (not an outage: those are retried) takes the service down, so its supervisor restarts it.
      onConsumerCrash: () => {
        process.stderr.write(`pejling-${app.spec.name}: the Kafka consumer stopped; exiting so the supervisor restarts the service\n`);
        process.exit(70);
      },
    });
    await nest.startAllMicroservices();
    await nest.listen(env.PORT, env.HOST);
    const logger = nest.get(Logger);
    logger.log({ port: env.PORT, host: env.HOST }, `pejling-${app.spec.name} listening`);
    exitGracefullyOnSignals(nest, logger);
  } catch (error) {
    process.stderr.write(`pejling-${app.spec.name} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Closes a service in the order that loses nothing: first stop taking work (Kafka consumers finish
 * the message in flight; HTTP finishes the requests in flight), then run Nest's shutdown hooks,
 * which drain the outbox relay of everything that work committed and close the queue and database.
 * Nest's own close() runs the hooks before it closes consumers and HTTP, which would leave rows
 * committed during shutdown in the outbox until the next start.
 */
export async function closeService(nest: INestApplication): Promise<void> {
  await Promise.all(nest.getMicroservices().map((microservice) => microservice.close()));
  await nest.getHttpAdapter().close();
  await nest.close();
}

/** SIGTERM/SIGINT: close the service (see closeService), then exit 0. A shutdown that hangs is cut off with exit 1. */
function exitGracefullyOnSignals(nest: INestApplication, logger: Logger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ signal }, `shutdown took longer than ${SHUTDOWN_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    closeService(nest).then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
