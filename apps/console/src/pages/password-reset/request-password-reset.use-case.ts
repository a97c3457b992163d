import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { CONSOLE_ENV, ConsoleEnv } from '../../console.env';
import { Mailer } from '../../mail/mailer';
import { PasswordResetsRepository } from '../../sessions/password-resets.repository';
import { UsersRepository } from '../../users/users.repository';
import type { Lang } from '../../web/language';
import { randomToken, tokenHash } from '../../web/tokens';
import { RESET_TEXTS } from './password-reset.texts';

/** Reset emails to one account per hour, from whatever addresses they are asked for: more would be mail-bombing it. */
const MAX_RESET_EMAILS_PER_HOUR = 3;

/**
 * Emails a single-use, expiring reset link to an active account (real SMTP). The answer is the same
 * whether or not the email is known, so the form does not tell which addresses have accounts. At
 * most MAX_RESET_EMAILS_PER_HOUR reset emails go to one account in an hour (the answer stays the
 * same past it); the form is also limited per client address (SignInRateLimitGuard).
 */
@Injectable()
export class RequestPasswordReset {
  private readonly logger = new Logger(RequestPasswordReset.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly mailer: Mailer,
    private readonly audit: AuditLogRepository,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  async execute(email: string, lang: Lang): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || !user.active) return;
    if ((await this.resets.countCreatedSince(user.id, new Date(Date.now() - 3_600_000))) >= MAX_RESET_EMAILS_PER_HOUR) {
      await this.audit.append({
        actorId: user.id,
        actorEmail: user.email,
        action: 'password-reset.throttled',
        targetType: 'user',
        targetId: user.id,
        details: { perHour: MAX_RESET_EMAILS_PER_HOUR },
      });
      return;
    }
    const token = randomToken();
    await this.resets.voidForUser(user.id);
    await this.resets.insert(
      tokenHash(this.env.SESSION_SECRET, token),
      user.id,
      new Date(Date.now() + this.env.PASSWORD_RESET_TTL_MINUTES * 60_000),
    );
    const texts = RESET_TEXTS[lang];
    const link = `${this.env.PUBLIC_URL.replace(/\/$/, '')}/password-reset/${token}`;
    try {
      await this.mailer.send({
        to: user.email,
        subject: texts.mailSubject,
        text: texts.mailText(user.name, link, this.env.PASSWORD_RESET_TTL_MINUTES),
      });
    } catch (error) {
      // The person sees the same answer; operations see why the mail did not leave.
      this.logger.error({ err: (error as Error).message, userId: user.id }, 'password reset email failed');
    }
    await this.audit.append({
      actorId: user.id,
      actorEmail: user.email,
      action: 'password-reset.requested',
      targetType: 'user',
      targetId: user.id,
    });
  }
}
