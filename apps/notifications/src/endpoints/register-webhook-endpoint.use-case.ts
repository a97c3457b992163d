import { ConflictException, Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { SigningSecrets } from '../signing/signing-secrets.repository';
import { WebhookEndpoint, WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Registers an endpoint before its first delivery: a new endpoint gets Standard Webhooks signatures only (legacy off unless asked). */
@Injectable()
export class RegisterWebhookEndpoint {
  constructor(
    private readonly transactions: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: SigningSecrets,
  ) {}

  run(url: string, legacySignature: boolean, by: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    return this.transactions.run(async ({ manager }) => {
      const endpoint = await this.endpoints.register(manager, url, legacySignature, by);
      if (!endpoint)
        throw new ConflictException(
          `The endpoint ${url} is known already: rotate its secret to get one (POST /v1/webhook-endpoints/:id/rotate-secret).`,
        );
      return { endpoint, secret: await this.secrets.issue(manager, { endpointId: endpoint.id }) };
    });
  }
}
