import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../access/roles';
import { ApiDoc } from '../openapi/api-doc';
import { brokerCount, KafkaConnection } from '../kafka/kafka-client';
import { KAFKA } from '../kafka/kafka.providers';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from '../service-spec';
import { healthResultSchema } from './health-response';
import { ConsumerMonitor } from '../kafka/consumer-monitor';
import { z } from 'zod';

const CHECK_TIMEOUT_MS = 3000;

/** `/health` and `/health/ready`: the database, the Kafka broker, Redis where used and the consumer, each with its own status; `/health/live`: the process. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(KAFKA) private readonly kafka: KafkaConnection,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
    private readonly monitor: ConsumerMonitor,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiDoc({
    summary: 'Readiness (the same as /health/ready): the database, the Kafka broker, Redis where used, and the consumer',
    tags: ['health'],
    responses: { 200: healthResultSchema, 503: { description: 'A dependency is down (the same body, status error)' } },
  })
  check() {
    return this.ready();
  }

  /** Liveness: the process answers. A supervisor restarts it when this fails, so no dependency is checked here (an outage is not cured by a restart). */
  @Get('live')
  @Public()
  @ApiDoc({
    summary: 'Liveness: the process is running and answers',
    tags: ['health'],
    responses: { 200: z.object({ status: z.literal('ok') }) },
  })
  live() {
    return { status: 'ok' as const };
  }

  /** Readiness: what the service needs to do its work, with the consumer's state and lag per partition. */
  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiDoc({
    summary: 'Readiness: the database, the Kafka broker, Redis where used, and the consumer (state and lag per partition)',
    tags: ['health'],
    responses: { 200: healthResultSchema, 503: { description: 'Not ready (the same body, status error)' } },
  })
  ready() {
    const checks: HealthIndicatorFunction[] = [() => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }), () => this.checkKafka()];
    if (this.spec.usesRedis) checks.push(() => this.checkRedis());
    if (this.monitor.state !== 'none') checks.push(() => this.checkConsumer());
    return this.health.check(checks);
  }

  /**
   * Up while reading (starting counts as up: a rebalance is not an outage), down while it rejoins
   * after its stream failed (it reads nothing until then); the lag is reported, not judged, as a backfill lags by design.
   */
  private async checkConsumer() {
    const check = this.indicator.check('consumer');
    const { state, failure } = this.monitor;
    if (state === 'crashed' || state === 'stopped' || state === 'rejoining')
      return check.down({ state, ...(failure ? { message: failure } : {}) });
    try {
      const partitions = await withTimeout(this.monitor.lag(), 'consumer lag');
      return check.up({ state, lag: partitions.reduce((sum, partition) => sum + partition.lag, 0), partitions });
    } catch (error) {
      return check.up({ state, lagUnknown: (error as Error).message });
    }
  }

  private async checkKafka() {
    const check = this.indicator.check('kafka');
    try {
      return check.up({ brokers: await withTimeout(brokerCount(this.kafka), 'kafka metadata') });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async checkRedis() {
    const check = this.indicator.check('redis');
    const redis = new Redis(this.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: CHECK_TIMEOUT_MS });
    try {
      await withTimeout(redis.connect(), 'redis connect');
      const reply = await withTimeout(redis.ping(), 'redis ping');
      return check.up({ reply });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    } finally {
      redis.disconnect();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
