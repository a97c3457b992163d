import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { foundOr404 } from './found-or-404';
import { RecipientRecord, RecipientsRepository } from './recipients.repository';

/** One whole recipient, or 404. */
@Injectable()
export class GetRecipient {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recipients: RecipientsRepository,
  ) {}

  async run(id: string): Promise<RecipientRecord> {
    return foundOr404(await this.recipients.find(this.dataSource.manager, id), 'recipient', id);
  }
}
