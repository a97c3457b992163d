import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { clientAddress, RateLimiter, rateLimitKey } from '@pejling/platform';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { ConsoleRequest } from './viewer';

/** Too many requests from one address: the error page says when to try again (and `Retry-After` does). */
export class RateLimited extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests', 429);
  }
}

/** Counts a request of the address in `limiter`; over the limit, RateLimited (a 429 page with `Retry-After`). */
export function takeOrRefuse(limiter: RateLimiter, context: ExecutionContext): true {
  const verdict = limiter.take(rateLimitKey(clientAddress(context.switchToHttp().getRequest<ConsoleRequest>())));
  if (!verdict.allowed) throw new RateLimited(verdict.retryAfterSeconds);
  return true;
}

/**
 * Limits the public pages and feeds per client address (PUBLIC_RATE_LIMIT_PER_MINUTE), so a
 * scraper cannot load the services behind them. The address is the socket's, unless TRUST_PROXY
 * names the proxy in front of the console (a forged X-Forwarded-For does not count otherwise).
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(CONSOLE_ENV) env: ConsoleEnv) {
    this.limiter = new RateLimiter(env.PUBLIC_RATE_LIMIT_PER_MINUTE);
  }

  canActivate(context: ExecutionContext): boolean {
    return takeOrRefuse(this.limiter, context);
  }
}
