import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction for an app without an outbox (the console): use cases run their repositories'
 * calls on the manager it hands them, and never hold the DataSource themselves. Services that
 * publish events use `Transactions`, which adds the outbox to the same transaction.
 */
@Injectable()
export class DatabaseTransactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
