import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../access/roles';
import { ApiDoc } from '../openapi/api-doc';
import { brokerCount, KafkaConnection } from '../kafka/kafka-client';
import { KAFKA } from '../kafka/kafka.providers';
import { SERVICE_ENV, SERVICE_SPEC, ServiceEnv, ServiceSpec } from '../service-spec';
import { healthResultSchema } from './health-response';

const CHECK_TIMEOUT_MS = 3000;

/** `/health`: the database, the Kafka broker and (where used) Redis, each with its own status. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(KAFKA) private readonly kafka: KafkaConnection,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiDoc({
    summary: 'Health of the database, the Kafka broker and (where used) Redis',
    tags: ['health'],
    responses: { 200: healthResultSchema, 503: { description: 'A dependency is down (the same body, status error)' } },
  })
  check() {
    const checks: HealthIndicatorFunction[] = [() => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }), () => this.checkKafka()];
    if (this.spec.usesRedis) checks.push(() => this.checkRedis());
    return this.health.check(checks);
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
