import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecipientRecord, RecipientsRepository } from './recipients.repository';

/** All recipients by name (the controller masks their channels for callers who may not see them). */
@Injectable()
export class ListRecipients {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recipients: RecipientsRepository,
  ) {}

  run(): Promise<RecipientRecord[]> {
    return this.recipients.list(this.dataSource.manager);
  }
}
