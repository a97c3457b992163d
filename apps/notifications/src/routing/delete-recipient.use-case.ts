import { ConflictException, Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { foundOr404 } from './found-or-404';
import { RecipientsRepository } from './recipients.repository';
import { RoutingRulesRepository } from './routing-rules.repository';

/** Deletes a recipient no routing rule names (the rules would otherwise point at nobody). */
@Injectable()
export class DeleteRecipient {
  constructor(
    private readonly transactions: Transactions,
    private readonly recipients: RecipientsRepository,
    private readonly rules: RoutingRulesRepository,
  ) {}

  run(id: string): Promise<void> {
    return this.transactions.run(async ({ manager }) => {
      foundOr404(await this.recipients.find(manager, id, true), 'recipient', id);
      const n = await this.rules.countNaming(manager, id);
      if (n > 0) throw new ConflictException(`The recipient is named by ${n} routing rule(s); change them first.`);
      await this.recipients.delete(manager, id);
    });
  }
}
