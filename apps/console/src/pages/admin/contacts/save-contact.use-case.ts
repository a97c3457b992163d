import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { AdminAudit } from '../shared/admin-audit';
import { fieldErrorsOf } from '../shared/field-errors';
import { CONTACT_KINDS, ContactKind } from './contact-kinds';
import { URL_FIELDS } from './contacts.schema';

export type ContactSave = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/**
 * Creates (POST) or changes (PATCH) an owner or recipient, with the service's 4xx shown next to the
 * field it names, and records who changed what in the audit log (which channels changed, never URLs).
 */
@Injectable()
export class SaveContact {
  constructor(
    private readonly services: ServicesClient,
    private readonly audit: AdminAudit,
  ) {}

  async execute(viewer: Viewer, kind: ContactKind, id: string | undefined, body: Record<string, unknown>): Promise<ContactSave> {
    const config = CONTACT_KINDS[kind];
    const fields = id ? config.editFields : config.createFields;
    const api = this.services.forUser(viewer);
    let saved: { id: string; name: string };
    try {
      const shape = z.looseObject({ id: z.string(), name: z.string() });
      saved = id
        ? await api.patch(config.service, `${config.path}/${encodeURIComponent(id)}`, body, shape)
        : await api.post(config.service, config.path, body, shape);
    } catch (error) {
      return { ok: false, errors: fieldErrorsOf(error, fields) };
    }
    const changed = Object.keys(body).map((field) =>
      (URL_FIELDS as readonly string[]).includes(field) ? `${field}${body[field] === null ? ' (removed)' : ''}` : field,
    );
    await this.audit.record(
      viewer,
      `${kind}.${id ? 'updated' : 'created'}`,
      { type: kind, id: saved.id },
      { name: saved.name, fields: changed },
    );
    return { ok: true, id: saved.id };
  }
}
