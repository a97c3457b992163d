import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';

const named = z.array(z.looseObject({ id: z.string(), name: z.string() }));

export interface LinkChoices {
  owners: { id: string; name: string }[];
  recipients: { id: string; name: string }[];
}

/** The owners (goals) and recipients (notifications) a user can be linked to. */
@Injectable()
export class LoadLinkChoices {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer): Promise<LinkChoices> {
    const api = this.services.forUser(viewer);
    const [owners, recipients] = await Promise.all([
      api.get('goals', '/v1/owners', named),
      api.get('notifications', '/v1/recipients', named),
    ]);
    const pick = (list: z.infer<typeof named>) =>
      list.map((item) => ({ id: item.id, name: item.name })).sort((a, b) => a.name.localeCompare(b.name, 'da'));
    return { owners: pick(owners), recipients: pick(recipients) };
  }
}
