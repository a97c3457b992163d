import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '../../audit/audit-log.repository';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';
import { silenceSchema } from './alerts.schema';

export interface SilenceInput {
  matchers: { goalId?: string; planId?: string; municipality?: string };
  endsAt: string;
  reason: string;
}

/** Creates a silence (the notifications service checks that a scoped user's silence stays in scope) and audits it. */
@Injectable()
export class CreateSilence {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AuditLogRepository,
  ) {}

  async execute(viewer: Viewer, input: SilenceInput): Promise<{ id: string }> {
    const silence = await this.services
      .forUser(viewer)
      .post(
        'notifications',
        '/v1/silences',
        { matchers: input.matchers, endsAt: input.endsAt, timeZone: 'Europe/Copenhagen', reason: input.reason, author: viewer.email },
        silenceSchema,
      );
    await this.audit.append({
      actorId: viewer.id,
      actorEmail: viewer.email,
      action: 'silence.created',
      targetType: 'silence',
      targetId: silence.id,
      municipality: input.matchers.municipality ?? null,
      details: { ...input },
    });
    return { id: silence.id };
  }
}
