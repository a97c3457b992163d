import { Injectable, NotFoundException } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { SigningSecrets } from '../signing/signing-secrets.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

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
