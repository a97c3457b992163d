import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { foundOr404 } from './found-or-404';
import { requireKnownRecipients } from './known-recipients';
import { RecipientsRepository } from './recipients.repository';
import { RoutingRuleFields, RoutingRuleRecord, RoutingRulesRepository } from './routing-rules.repository';

/** Changes a routing rule (new recipients must exist) and answers with it. */
@Injectable()
export class UpdateRoutingRule {
  constructor(
    private readonly transactions: Transactions,
    private readonly rules: RoutingRulesRepository,
    private readonly recipients: RecipientsRepository,
  ) {}

  run(id: string, patch: RoutingRuleFields): Promise<RoutingRuleRecord> {
    return this.transactions.run(async ({ manager }) => {
      foundOr404(await this.rules.find(manager, id, true), 'routing rule', id);
      if (patch.recipientIds) requireKnownRecipients(patch.recipientIds, await this.recipients.existing(manager, patch.recipientIds));
      return this.rules.update(manager, id, patch);
    });
  }
}
