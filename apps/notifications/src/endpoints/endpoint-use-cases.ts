import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { SigningSecrets } from '../signing/signing-secrets.repository';
import { WebhookEndpoint, WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Lists owners' and recipients' webhook endpoints with their legacy-header flag (never their secrets). */
@Injectable()
export class ListWebhookEndpoints {
  constructor(
    private readonly transactions: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {}

  run(): Promise<WebhookEndpoint[]> {
    return this.transactions.run(({ manager }) => this.endpoints.list(manager));
  }
}

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
      if (!endpoint) throw new ConflictException(`The endpoint ${url} is known already: rotate its secret to get one (POST /v1/webhook-endpoints/:id/rotate-secret).`);
      return { endpoint, secret: await this.secrets.issue(manager, { endpointId: endpoint.id }) };
    });
  }
}

/** A new secret for an endpoint (also how the owner of an endpoint first seen in a delivery gets one); the old one signs on for the overlap. */
@Injectable()
export class RotateWebhookEndpointSecret {
  constructor(
    private readonly transactions: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: SigningSecrets,
    private readonly clock: Clock,
  ) {}

  run(id: string, overlapMinutes: number): Promise<{ secret: string; previousSecretValidUntil: string }> {
    return this.transactions.run(async ({ manager }) => {
      if (!(await this.endpoints.find(manager, id, true))) throw new NotFoundException(`No webhook endpoint with id ${id}.`);
      const { secret, previousValidUntil } = await this.secrets.rotate(manager, { endpointId: id }, overlapMinutes, this.clock.now());
      return { secret, previousSecretValidUntil: previousValidUntil.toISOString() };
    });
  }
}

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
