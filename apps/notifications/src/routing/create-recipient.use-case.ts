import { ConflictException, Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { RecipientFields, RecipientRecord, RecipientsRepository } from './recipients.repository';

/** Adds a recipient (the input names at least one channel) and answers with the whole row. */
@Injectable()
export class CreateRecipient {
  constructor(
    private readonly transactions: Transactions,
    private readonly recipients: RecipientsRepository,
  ) {}

  run(fields: RecipientFields): Promise<RecipientRecord> {
    return this.transactions.run(async ({ manager }) => {
      const recipient = await this.recipients.insert(manager, fields);
      if (!recipient) throw new ConflictException('A recipient with that name exists.');
      return recipient;
    });
  }
}
