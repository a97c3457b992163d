import { ForbiddenException, Injectable } from '@nestjs/common';
import { DatabaseTransactions } from '@pejling/platform';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { hashPassword } from '../../users/password-hash';
import type { NewUserInput } from '../../users/user-input';
import { UsersRepository } from '../../users/users.repository';
import { coversAll, Viewer } from '../../web/viewer';

export type CreateUserResult = { kind: 'created'; id: string } | { kind: 'exists' };

/** Creates a console user (unscoped admins only) and audits it; the password is stored only as its scrypt hash. */
@Injectable()
export class CreateUser {
  constructor(
    private readonly transactions: DatabaseTransactions,
    private readonly users: UsersRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, input: NewUserInput): Promise<CreateUserResult> {
    if (!coversAll(viewer)) throw new ForbiddenException('only unscoped admins manage users');
    const passwordHash = await hashPassword(input.password);
    return this.transactions.run(async (manager) => {
      if (await this.users.findByEmail(input.email, manager)) return { kind: 'exists' as const };
      const { password: _password, ...rest } = input;
      const user = await this.users.insert({ ...rest, passwordHash }, manager);
      await this.audit.append(
        {
          actorId: viewer.id,
          actorEmail: viewer.email,
          action: 'user.created',
          targetType: 'user',
          targetId: user.id,
          details: {
            email: user.email,
            role: user.role,
            municipalities: user.municipalities,
            ownerId: user.ownerId,
            recipientId: user.recipientId,
          },
        },
        manager,
      );
      return { kind: 'created' as const, id: user.id };
    });
  }
}
