import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { SERVICE_ENV, ServiceEnv } from '../service-spec';
import { clientAddress, rateLimitKey } from './client-address';
import { RateLimiter } from './rate-limiter';

/**
 * PUBLIC_API_RATE_LIMIT_PER_MINUTE, for the env schema of a service with public routes: requests
 * per client address per minute to them, then 429 (0 turns the limit off).
 */
export const publicApiRateLimitSetting = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);

export interface PublicApiRateLimitEnv {
  PUBLIC_API_RATE_LIMIT_PER_MINUTE: number;
}

/** Too many requests from one address: 429 with `Retry-After` (ServiceErrorFilter sets it) and a message saying when. */
export class RateLimitExceeded extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    readonly limitPerMinute: number,
  ) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Too many requests from your address: at most ${limitPerMinute} a minute to the public routes. Try again in ${retryAfterSeconds} seconds.`,
      },
      429,
    );
  }
}

/**
 * Limits a service's public routes (signed acknowledgement links, /v1/public/…) per client
 * address, so no one address can load the service through the routes that need no key. Counted
 * in this process (each instance counts its own): a shared count in Redis would cost every public
 * request a round trip and make the links fail with Redis; the limit guards one instance's
 * capacity, which is what an in-process count measures. Used with @UseGuards on each public
 * controller: Nest makes one guard per module, so a service's public routes share one count per address.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter | undefined;
  private readonly limit: number;

  constructor(@Inject(SERVICE_ENV) env: ServiceEnv & Partial<PublicApiRateLimitEnv>) {
    if (env.PUBLIC_API_RATE_LIMIT_PER_MINUTE === undefined)
      throw new Error('PublicRateLimitGuard needs PUBLIC_API_RATE_LIMIT_PER_MINUTE in the service settings (publicApiRateLimitSetting)');
    this.limit = env.PUBLIC_API_RATE_LIMIT_PER_MINUTE;
    this.limiter = this.limit > 0 ? new RateLimiter(this.limit) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.limiter || context.getType() !== 'http') return true;
    const verdict = this.limiter.take(rateLimitKey(clientAddress(context.switchToHttp().getRequest<Request>())));
    if (!verdict.allowed) throw new RateLimitExceeded(verdict.retryAfterSeconds, this.limit);
    return true;
  }
}
