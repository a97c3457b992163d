import { Inject, Injectable } from '@nestjs/common';
import { DatabaseTransactions, rateLimitKey } from '@pejling/platform';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { CONSOLE_ENV, ConsoleEnv } from '../../console.env';
import { createSession } from '../../sessions/create-session';
import { SessionsRepository } from '../../sessions/sessions.repository';
import { SignInFailuresRepository } from '../../sessions/sign-in-failures.repository';
import { DUMMY_HASH, verifyPassword } from '../../users/password-hash';
import { UsersRepository } from '../../users/users.repository';

/** Failed sign-ins from one client address within the lockout window before it is throttled (guessing across accounts). */
const MAX_FAILURES_PER_IP = 30;

export type SignInResult =
  | { kind: 'signed-in'; sessionToken: string }
  | { kind: 'wrong-credentials' }
  | { kind: 'locked'; minutes: number }
  | { kind: 'throttled'; minutes: number };

/**
 * Signs a person in with email and password. Five failures for an account within LOCKOUT_MINUTES
 * lock it for LOCKOUT_MINUTES (even the right password is refused meanwhile); many failures from
 * one address are throttled. Unknown emails cost the same scrypt time and get the same answer.
 */
@Injectable()
export class SignIn {
  constructor(
    private readonly transactions: DatabaseTransactions,
    private readonly users: UsersRepository,
    private readonly failures: SignInFailuresRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLogRepository,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async execute(input: { email: string; password: string; ip: string }): Promise<SignInResult> {
    const windowStart = new Date(Date.now() - this.env.LOCKOUT_MINUTES * 60_000);
    if ((await this.failures.countForIp(rateLimitKey(input.ip), windowStart)) >= MAX_FAILURES_PER_IP)
      return { kind: 'throttled', minutes: this.env.LOCKOUT_MINUTES };
    const user = await this.users.findByEmail(input.email);
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      await this.audit.append({
        actorId: user.id,
        actorEmail: user.email,
        action: 'sign-in.refused-locked',
        targetType: 'user',
        targetId: user.id,
      });
      return { kind: 'locked', minutes: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000) };
    }
    const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !user.active || !matches) return this.fail(input, user?.id, windowStart);
    return this.transactions.run(async (manager) => {
      await this.failures.clearForEmail(user.email, manager);
      // Expired sessions are swept here: sign-ins are frequent enough, and it needs no scheduler.
      await this.sessions.deleteExpired(manager);
      const sessionToken = await createSession(this.sessions, this.env, user.id, manager);
      await this.audit.append(
        {
          actorId: user.id,
          actorEmail: user.email,
          action: 'sign-in.succeeded',
          targetType: 'user',
          targetId: user.id,
          details: { ip: input.ip },
        },
        manager,
      );
      return { kind: 'signed-in' as const, sessionToken };
    });
  }

  private async fail(input: { email: string; ip: string }, userId: string | undefined, windowStart: Date): Promise<SignInResult> {
    return this.transactions.run(async (manager) => {
      // Counted by the address's rate-limit key: an IPv6 client by its /64, which it could otherwise walk through.
      await this.failures.record(input.email, rateLimitKey(input.ip), manager);
      await this.audit.append(
        {
          actorId: userId ?? null,
          actorEmail: input.email.toLowerCase().slice(0, 200),
          action: 'sign-in.failed',
          targetType: 'user',
          targetId: userId ?? null,
          details: { ip: input.ip },
        },
        manager,
      );
      if (!userId) return { kind: 'wrong-credentials' as const };
      const failures = await this.failures.countForEmail(input.email, windowStart, manager);
      if (failures < this.env.SIGN_IN_MAX_FAILURES) return { kind: 'wrong-credentials' as const };
      await this.users.lockUntil(userId, new Date(Date.now() + this.env.LOCKOUT_MINUTES * 60_000), manager);
      await this.audit.append(
        {
          actorId: null,
          actorEmail: 'system',
          action: 'user.locked',
          targetType: 'user',
          targetId: userId,
          details: { failures, minutes: this.env.LOCKOUT_MINUTES },
        },
        manager,
      );
      return { kind: 'locked' as const, minutes: this.env.LOCKOUT_MINUTES };
    });
  }
}
