import { ConflictException, Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { foundOr404 } from './found-or-404';
import { hasChannel } from './recipient-channels';
import { RecipientFields, RecipientRecord, RecipientsRepository } from './recipients.repository';

/** Changes a recipient, who must keep at least one channel, and answers with the whole row. */
@Injectable()
export class UpdateRecipient {
  constructor(
    private readonly transactions: Transactions,
    private readonly recipients: RecipientsRepository,
  ) {}

  run(id: string, patch: RecipientFields): Promise<RecipientRecord> {
    return this.transactions.run(async ({ manager }) => {
      const current = foundOr404(await this.recipients.find(manager, id, true), 'recipient', id);
      if (!hasChannel({ ...current, ...patch })) {
        throw new ConflictException('A recipient needs at least one channel (email, webhookUrl, teamsWebhookUrl or slackWebhookUrl).');
      }
      const changed = await this.recipients.update(manager, id, patch);
      if (!changed) throw new ConflictException('A recipient with that name exists.');
      return changed;
    });
  }
}
