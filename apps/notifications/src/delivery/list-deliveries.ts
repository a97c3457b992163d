import { Injectable } from '@nestjs/common';
import { Principal, Transactions } from '@pejling/platform';
import { deliveryForPrincipal } from '../access/channel-masking';
import { DeliveryFilters, DeliveryLogRow, listDeliveries } from './deliveries.repository';

/** The delivery log under the caller's filters and scope. */
@Injectable()
export class ListDeliveries {
  constructor(private readonly transactions: Transactions) {}

  async run(filters: DeliveryFilters, limit: number, principal: Principal): Promise<DeliveryLogRow[]> {
    const deliveries = await this.transactions.run(({ manager }) => listDeliveries(manager, filters, limit));
    return deliveries.map((delivery) => deliveryForPrincipal(delivery, principal));
  }
}
