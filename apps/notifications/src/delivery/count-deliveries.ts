import { Injectable } from '@nestjs/common';
import { Transactions } from '@pejling/platform';
import { DeliveryCounts, DeliveryFilters, countDeliveries } from './deliveries.repository';

/** Counts by status and by channel under the same filters and scope. */
@Injectable()
export class CountDeliveries {
  constructor(private readonly transactions: Transactions) {}

  run(filters: DeliveryFilters): Promise<DeliveryCounts> {
    return this.transactions.run(({ manager }) => countDeliveries(manager, filters));
  }
}
