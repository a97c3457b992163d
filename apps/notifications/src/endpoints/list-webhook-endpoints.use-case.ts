import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
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
