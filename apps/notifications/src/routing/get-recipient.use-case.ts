import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { foundOr404 } from './found-or-404';
import { RecipientRecord, RecipientsRepository } from './recipients.repository';

/** One whole recipient, or 404. */
@Injectable()
export class GetRecipient {
  constructor(
    private readonly transactions: Transactions,
    private readonly recipients: RecipientsRepository,
  ) {}

  async run(id: string): Promise<RecipientRecord> {
    return foundOr404(await this.transactions.run(({ manager }) => this.recipients.find(manager, id)), 'recipient', id);
  }
}
