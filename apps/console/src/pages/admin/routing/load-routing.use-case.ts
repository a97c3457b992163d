import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { planChoices, recipientNames, routingRules } from './routing.schema';

/** The routing rules with what their form chooses from: the recipients (by name) and the plans. */
@Injectable()
export class LoadRouting {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer) {
    const api = this.services.forUser(viewer);
    const [rules, recipients, plans] = await Promise.all([
      api.get('notifications', '/v1/routing-rules', routingRules),
      api.get('notifications', '/v1/recipients', recipientNames),
      api.get('goals', '/v1/plans', planChoices),
    ]);
    return { rules, recipients: recipients.map(({ id, name }) => ({ id, name })), plans: plans.map(({ id, title }) => ({ id, title })) };
  }
}
