import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { listClusters, StoredCluster } from './cluster-declarations.repository';

/** Every stored cluster (plan declarations with their history, API clusters), by municipality and indicator. */
@Injectable()
export class ListClusters {
  constructor(private readonly transactions: Transactions) {}

  run(): Promise<StoredCluster[]> {
    return this.transactions.run((unit) => listClusters(unit.manager));
  }
}
