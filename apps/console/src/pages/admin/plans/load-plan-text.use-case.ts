import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';

/** A plan's current version as its YAML file, to edit in the browser. */
@Injectable()
export class LoadPlanText {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, id: string): Promise<string> {
    return (await this.services.forUser(viewer).call('goals', 'GET', `/v1/plans/${encodeURIComponent(id)}`, { accept: 'application/yaml' }))
      .text;
  }
}
