import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DisabledEndpointRow {
  endpointKey: string;
  channel: string;
  target: string;
  statusCode: number;
  reason: string | null;
  deliveryId: string;
  recipientKey: string;
  disabledAt: Date;
}

/** Endpoints disabled after a 410 Gone (the delivery processor adds them; an admin removes one). */
@Injectable()
export class DisabledEndpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<DisabledEndpointRow[]> {
    return this.dataSource.query(
      `SELECT endpoint_key AS "endpointKey", channel, target, status_code AS "statusCode", reason, delivery_id AS "deliveryId", recipient_key AS "recipientKey", disabled_at AS "disabledAt"
         FROM disabled_endpoints ORDER BY disabled_at DESC`,
    );
  }

  /** False when no endpoint with that key was disabled. */
  async enable(endpointKey: string): Promise<boolean> {
    const removed = await this.dataSource.query(`WITH gone AS (DELETE FROM disabled_endpoints WHERE endpoint_key = $1 RETURNING endpoint_key) SELECT * FROM gone`, [endpointKey]);
    return removed.length > 0;
  }
}
