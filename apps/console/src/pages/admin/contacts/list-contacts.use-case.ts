import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { CONTACT_KINDS, ContactKind } from './contact-kinds';
import { masked } from './contacts.schema';

/** Owners or recipients with their URLs masked (the full URLs stay in the console process). */
@Injectable()
export class ListContacts {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, kind: ContactKind) {
    const config = CONTACT_KINDS[kind];
    const rows = await this.services
      .forUser(viewer)
      .get(config.service, config.path, z.array(config.schema as typeof CONTACT_KINDS.recipient.schema));
    return rows.map(masked);
  }
}
