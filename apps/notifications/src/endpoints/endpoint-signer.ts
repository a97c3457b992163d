import { Inject, Injectable } from '@nestjs/common';
import { SIGNATURE_HEADER, signWebhook } from '@pejling/contracts';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { NotificationsEnv } from '../notifications.env';
import { SigningSecrets } from '../signing/signing-secrets.repository';
import { standardWebhookHeaders } from '../signing/standard-webhooks';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/**
 * Signs a generic webhook to an owner's or recipient's own endpoint with that endpoint's secrets
 * (Standard Webhooks headers), and with the old global `Pejling-Signature` too while the endpoint's
 * `legacySignature` flag is on (the migration: existing receivers keep verifying as before).
 */
@Injectable()
export class EndpointSigner {
  constructor(
    private readonly transactions: Transactions,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: SigningSecrets,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  headersFor(url: string, messageId: string, body: string): Promise<Record<string, string>> {
    return this.transactions.run(async ({ manager }) => {
      const now = this.clock.now();
      const endpoint = await this.endpoints.lockOrCreate(manager, url);
      let secrets = await this.secrets.valid(manager, { endpointId: endpoint.id }, now);
      // First delivery to this endpoint: it gets a secret of its own (an admin reveals it by rotating).
      if (secrets.length === 0) secrets = [await this.secrets.issue(manager, { endpointId: endpoint.id })];
      return {
        ...standardWebhookHeaders(secrets, messageId, now, body),
        ...(endpoint.legacySignature
          ? { [SIGNATURE_HEADER]: signWebhook(this.env.WEBHOOK_SIGNING_SECRET, body, Math.floor(now.getTime() / 1000)) }
          : {}),
      };
    });
  }
}
