import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { RoutingRule, routingRule } from './routing.schema';

/** One routing rule (to edit or to confirm its deletion). */
@Injectable()
export class LoadRoutingRule {
  constructor(private readonly services: ServicesClient) {}

  execute(viewer: Viewer, id: string): Promise<RoutingRule> {
    return this.services.forUser(viewer).get('notifications', `/v1/routing-rules/${encodeURIComponent(id)}`, routingRule);
  }
}
