import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, throwError } from 'rxjs';
import { SERVICE_ENV, ServiceEnv } from '../service-spec';
import { Dependency, dependencyOutage, OUTAGE_RETRY_AFTER_SECONDS } from './dependency-outage';
import { RateLimitExceeded } from './public-rate-limit.guard';

/**
 * Every service's HTTP errors as JSON (`statusCode`, `message`, and `errors` where a handler named
 * fields): a 4xx as thrown; a body the parser cannot read (bad JSON, too large, unknown charset) as
 * its 4xx; an outage of PostgreSQL, Redis or Kafka as 503 with `Retry-After`; a value PostgreSQL
 * refuses as data (SQLSTATE class 22, e.g. a NUL byte) as 400; a rate limit's 429 with `Retry-After`.
 * Only a bug is a 500, and it is logged.
 */
@Catch()
export class ServiceErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');
  private readonly portsOf: ReadonlyMap<number, Dependency>;

  constructor(@Inject(SERVICE_ENV) env: ServiceEnv) {
    this.portsOf = dependencyPorts(env);
  }

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // A Kafka handler's failure goes back to the event transport, which retries or dead-letters it.
    if (host.getType() !== 'http') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) return void response.end();
    const reply = this.describe(exception, request);
    if (reply.retryAfter !== undefined) response.setHeader('Retry-After', String(reply.retryAfter));
    response.status(reply.status).json(reply.body);
  }

  private describe(exception: unknown, request: Request): { status: number; body: object; retryAfter?: number } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (status >= 500 && status !== 503) this.logFailure(exception, request);
      return {
        status,
        body: typeof body === 'object' ? body : { statusCode: status, message: body },
        ...(exception instanceof RateLimitExceeded ? { retryAfter: exception.retryAfterSeconds } : {}),
      };
    }
    const parserStatus = bodyParserStatus(exception);
    if (parserStatus !== undefined) {
      return {
        status: parserStatus,
        body: {
          statusCode: parserStatus,
          error: 'Unreadable body',
          message: `The request body cannot be read: ${(exception as Error).message}`,
        },
      };
    }
    const outage = dependencyOutage(exception, this.portsOf);
    if (outage) {
      this.logger.warn(
        { url: request.originalUrl, dependency: outage, err: summary(exception) },
        'request refused: dependency unavailable',
      );
      return {
        status: 503,
        retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
        body: {
          statusCode: 503,
          error: 'Service Unavailable',
          message: `The ${outage} is unavailable right now; nothing was changed. Try again in ${OUTAGE_RETRY_AFTER_SECONDS} seconds.`,
          dependency: outage,
        },
      };
    }
    const refusedValue = postgresDataException(exception);
    if (refusedValue) {
      this.logger.warn({ url: request.originalUrl, err: summary(exception) }, 'request refused: the database refused a value');
      return {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: `A value in the request cannot be stored: ${refusedValue}; nothing was changed.`,
        },
      };
    }
    this.logFailure(exception, request);
    return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  }

  private logFailure(exception: unknown, request: Request): void {
    this.logger.error({ url: request.originalUrl, method: request.method, err: summary(exception) }, 'request failed');
  }
}

/** Which dependency listens on which port, from the configured URLs. */
function dependencyPorts(env: ServiceEnv): Map<number, Dependency> {
  const ports = new Map<number, Dependency>();
  const portOf = (url: string | undefined, fallback: number) => {
    try {
      return url ? Number(new URL(url).port || fallback) : undefined;
    } catch {
      return undefined;
    }
  };
  const database = portOf(env.DATABASE_URL, 5432);
  const redis = portOf(env.REDIS_URL, 6379);
  if (redis !== undefined) ports.set(redis, 'redis');
  if (database !== undefined) ports.set(database, 'database');
  for (const broker of env.KAFKA_BROKERS.split(',')) ports.set(Number(broker.split(':').pop()), 'kafka');
  return ports;
}

/** body-parser's errors (http-errors) carry their 4xx and a `type` such as `entity.parse.failed`. */
function bodyParserStatus(error: unknown): number | undefined {
  const { status, type } = error as { status?: unknown; type?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** SQLSTATE class 22 (data exception: invalid text, NUL byte, numeric out of range): the input's fault. */
function postgresDataException(error: unknown): string | undefined {
  const driver =
    (error as { driverError?: { code?: unknown; message?: unknown } }).driverError ?? (error as { code?: unknown; message?: unknown });
  return typeof driver.code === 'string' && /^22[0-9A-Z]{3}$/.test(driver.code) ? String(driver.message) : undefined;
}

function summary(error: unknown): object {
  // Duck-typed: an error made in another realm (a test's VM context) is not `instanceof Error` here.
  const { name, message, stack, code } = (error ?? {}) as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown };
  return typeof message === 'string' ? { name, message, code, stack } : { value: String(error) };
}
