import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { SessionsRepository } from '../../sessions/sessions.repository';
import type { Viewer } from '../../web/viewer';

/** Ends the session on the server (the cookie alone would outlive it). */
@Injectable()
export class SignOut {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, sessionTokenHash: string): Promise<void> {
    await this.sessions.delete(sessionTokenHash);
    await this.audit.append({ actorId: viewer.id, actorEmail: viewer.email, action: 'sign-out', targetType: 'user', targetId: viewer.id });
  }
}
