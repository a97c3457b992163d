import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DatabaseTransactions } from '@pejling/platform';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { SessionsRepository } from '../../sessions/sessions.repository';
import { UserChanges, UsersRepository } from '../../users/users.repository';
import { coversAll, Viewer } from '../../web/viewer';

export type UpdateUserResult = { kind: 'saved' } | { kind: 'not-self' };

/**
 * Changes a user's role, scope, link or active flag (unscoped admins only). The user's sessions end,
 * so their next request signs in with the new rights; nobody can lock themselves out.
 */
@Injectable()
export class UpdateUser {
  constructor(
    private readonly transactions: DatabaseTransactions,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, userId: string, changes: UserChanges): Promise<UpdateUserResult> {
    if (!coversAll(viewer)) throw new ForbiddenException('only unscoped admins manage users');
    if (
      userId === viewer.id &&
      (changes.active === false ||
        (changes.role && changes.role !== 'admin') ||
        (changes.municipalities && !changes.municipalities.includes('*')))
    )
      return { kind: 'not-self' };
    return this.transactions.run(async (manager) => {
      const before = await this.users.findById(userId, manager);
      if (!before) throw new NotFoundException();
      const after = await this.users.update(userId, changes, manager);
      if (!after) throw new NotFoundException();
      if (userId !== viewer.id) await this.sessions.deleteForUser(userId, manager);
      const changed = Object.fromEntries(
        (Object.keys(changes) as (keyof UserChanges)[])
          .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          .map((key) => [key, { from: before[key], to: after[key] }]),
      );
      const action =
        changes.active === false && before.active
          ? 'user.deactivated'
          : changes.active === true && !before.active
            ? 'user.reactivated'
            : 'user.changed';
      await this.audit.append(
        {
          actorId: viewer.id,
          actorEmail: viewer.email,
          action,
          targetType: 'user',
          targetId: userId,
          details: { email: after.email, changed },
        },
        manager,
      );
      return { kind: 'saved' as const };
    });
  }
}
