import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { RateLimiter } from '@pejling/platform';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { takeOrRefuse } from './public-rate-limit.guard';

/**
 * Limits the signed-out forms that cost the most per request (a sign-in's password hash, a
 * password reset's email) per client address: SIGN_IN_RATE_LIMIT_PER_MINUTE, one count for
 * sign-in and password reset together, then a 429 page with `Retry-After`. It sits before the
 * failure counts (lockout per account, throttling per address), which only see wrong passwords.
 */
@Injectable()
export class SignInRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(CONSOLE_ENV) env: ConsoleEnv) {
    this.limiter = new RateLimiter(env.SIGN_IN_RATE_LIMIT_PER_MINUTE);
  }

  canActivate(context: ExecutionContext): boolean {
    return takeOrRefuse(this.limiter, context);
  }
}
