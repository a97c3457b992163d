import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryCounts, DeliveryFilters, countDeliveries, listDeliveries } from './deliveries.repository';

/** The delivery log under the caller's filters and scope. */
@Injectable()
export class ListDeliveries {
  constructor(private readonly dataSource: DataSource) {}

  run(filters: DeliveryFilters, limit: number): Promise<unknown[]> {
    return listDeliveries(this.dataSource.manager, filters, limit);
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
