import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { RateLimiter } from './rate-limiter';
import { ConsoleRequest } from './viewer';

/** Too many requests from one address: the error page says when to try again (and `Retry-After` does). */
export class RateLimited extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests', 429);
  }
}

/**
 * Limits the public pages and feeds per client address (PUBLIC_RATE_LIMIT_PER_MINUTE), so a
 * scraper cannot load the services behind them. The address is the socket's (the console sets no
 * `trust proxy`, so a forged X-Forwarded-For does not count).
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(CONSOLE_ENV) env: ConsoleEnv) {
    this.limiter = new RateLimiter(env.PUBLIC_RATE_LIMIT_PER_MINUTE);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const verdict = this.limiter.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    if (!verdict.allowed) throw new RateLimited(verdict.retryAfterSeconds);
    return true;
  }
}
