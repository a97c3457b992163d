import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { RecipientRecord, RecipientsRepository } from './recipients.repository';

/** All recipients by name (the controller masks their channels for callers who may not see them). */
@Injectable()
export class ListRecipients {
  constructor(
    private readonly transactions: Transactions,
    private readonly recipients: RecipientsRepository,
  ) {}

  run(): Promise<RecipientRecord[]> {
    return this.transactions.run(({ manager }) => this.recipients.list(manager));
  }
}
