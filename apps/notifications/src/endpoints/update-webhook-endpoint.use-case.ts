import { Injectable, NotFoundException } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { WebhookEndpoint, WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Turns the legacy `Pejling-Signature` header off (the owner verifies Standard Webhooks now) or on again. */
@Injectable()
export class UpdateWebhookEndpoint {
  constructor(
    private readonly transactions: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {}

  run(id: string, legacySignature: boolean): Promise<WebhookEndpoint> {
    return this.transactions.run(async ({ manager }) => {
      if (!(await this.endpoints.find(manager, id, true))) throw new NotFoundException(`No webhook endpoint with id ${id}.`);
      return this.endpoints.setLegacySignature(manager, id, legacySignature);
    });
  }
}
