import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { requireKnownRecipients } from './known-recipients';
import { RecipientsRepository } from './recipients.repository';
import { RoutingRuleFields, RoutingRuleRecord, RoutingRulesRepository } from './routing-rules.repository';

/** Appends a rule to the routing table (its recipients must exist) and answers with it. */
@Injectable()
export class CreateRoutingRule {
  constructor(
    private readonly transactions: Transactions,
    private readonly rules: RoutingRulesRepository,
    private readonly recipients: RecipientsRepository,
  ) {}

  run(fields: RoutingRuleFields & { recipientIds: string[] }): Promise<RoutingRuleRecord> {
    return this.transactions.run(async ({ manager }) => {
      requireKnownRecipients(fields.recipientIds, await this.recipients.existing(manager, fields.recipientIds));
      return this.rules.insert(manager, fields);
    });
  }
}
