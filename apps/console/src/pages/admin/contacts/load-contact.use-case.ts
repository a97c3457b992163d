import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { CONTACT_KINDS, ContactKind } from './contact-kinds';
import { masked } from './contacts.schema';

/** One owner or recipient to edit, its URLs masked. */
@Injectable()
export class LoadContact {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, kind: ContactKind, id: string) {
    const config = CONTACT_KINDS[kind];
    const row = await this.services
      .forUser(viewer)
      .get(config.service, `${config.path}/${encodeURIComponent(id)}`, config.schema as typeof CONTACT_KINDS.recipient.schema);
    return masked(row);
  }
}
