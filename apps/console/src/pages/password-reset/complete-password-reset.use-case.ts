import { Inject, Injectable } from '@nestjs/common';
import { DatabaseTransactions } from '@pejling/platform';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { CONSOLE_ENV, ConsoleEnv } from '../../console.env';
import { PasswordResetsRepository } from '../../sessions/password-resets.repository';
import { SessionsRepository } from '../../sessions/sessions.repository';
import { SignInFailuresRepository } from '../../sessions/sign-in-failures.repository';
import { hashPassword } from '../../users/password-hash';
import { UsersRepository } from '../../users/users.repository';
import { tokenHash } from '../../web/tokens';

/**
 * Sets a new password from a reset link: uses the token once (in the same transaction), lifts a
 * lockout, clears failed sign-ins and ends every session of the account.
 */
@Injectable()
export class CompletePasswordReset {
  constructor(
    private readonly transactions: DatabaseTransactions,
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly failures: SignInFailuresRepository,
    private readonly audit: AuditLogRepository,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async usable(token: string): Promise<boolean> {
    return (await this.resets.findUsable(tokenHash(this.env.SESSION_SECRET, token))) !== undefined;
  }

  async execute(token: string, password: string): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    return this.transactions.run(async (manager) => {
      const reset = await this.resets.consume(tokenHash(this.env.SESSION_SECRET, token), manager);
      if (!reset) return false;
      const user = await this.users.findById(reset.userId, manager);
      if (!user) return false;
      await this.users.setPassword(user.id, passwordHash, manager);
      await this.failures.clearForEmail(user.email, manager);
      await this.sessions.deleteForUser(user.id, manager);
      await this.resets.voidForUser(user.id, manager);
      await this.audit.append(
        { actorId: user.id, actorEmail: user.email, action: 'password-reset.completed', targetType: 'user', targetId: user.id },
        manager,
      );
      return true;
    });
  }
}
