import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@pejling/platform';
import { deliveryForPrincipal } from '../access/channel-masking';
import { DeliveryCounts, DeliveryFilters, countDeliveries, listDeliveries } from './deliveries.repository';

/** The delivery log under the caller's filters and scope. */
@Injectable()
export class ListDeliveries {
  constructor(private readonly dataSource: DataSource) {}

  async run(filters: DeliveryFilters, limit: number, principal: Principal): Promise<unknown[]> {
    const deliveries = (await listDeliveries(this.dataSource.manager, filters, limit)) as Parameters<typeof deliveryForPrincipal>[0][];
    return deliveries.map((delivery) => deliveryForPrincipal(delivery, principal));
  }
}

/** Counts by status and by channel under the same filters and scope. */
@Injectable()
export class CountDeliveries {
  constructor(private readonly dataSource: DataSource) {}

  run(filters: DeliveryFilters): Promise<DeliveryCounts> {
    return countDeliveries(this.dataSource.manager, filters);
  }
}
