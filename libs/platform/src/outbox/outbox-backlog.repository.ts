import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { outboxBacklog } from './outbox.repository';

/** The outbox's backlog read outside a transaction, for /metrics. */
@Injectable()
export class OutboxBacklogRepository {
  constructor(private readonly dataSource: DataSource) {}

  read(): Promise<{ rows: number; oldestAgeSeconds: number }> {
    return outboxBacklog(this.dataSource.manager);
  }
}
