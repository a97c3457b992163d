import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

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

/** Since when and why an endpoint is disabled; undefined while it is enabled. */
export async function findDisabledEndpoint(manager: EntityManager, endpointKey: string | null): Promise<{ disabledAt: Date; reason: string | null } | undefined> {
  const [row] = await manager.query(`SELECT disabled_at AS "disabledAt", reason FROM disabled_endpoints WHERE endpoint_key = $1`, [endpointKey]);
  return row ? z.object({ disabledAt: z.date(), reason: z.string().nullable() }).parse(row) : undefined;
}

export interface EndpointDisabling {
  endpointKey: string | null;
  channel: string;
  target: string;
  statusCode: number;
  reason: string;
  deliveryId: string;
  recipientKey: string;
}

/** Disables an endpoint after a 410 Gone; false when it was disabled already. */
export async function disableEndpoint(manager: EntityManager, disabling: EndpointDisabling): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO disabled_endpoints (endpoint_key, channel, target, status_code, reason, delivery_id, recipient_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (endpoint_key) DO NOTHING RETURNING endpoint_key`,
    [disabling.endpointKey, disabling.channel, disabling.target, disabling.statusCode, disabling.reason, disabling.deliveryId, disabling.recipientKey],
  );
  return inserted.length > 0;
}
