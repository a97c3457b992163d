import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

const disabledEndpointRows = z.array(
  z.object({
    endpointKey: z.string(),
    channel: z.string(),
    target: z.string(),
    statusCode: z.number().int(),
    reason: z.string().nullable(),
    deliveryId: z.string(),
    recipientKey: z.string(),
    disabledAt: z.date(),
  }),
);
export type DisabledEndpointRow = z.infer<typeof disabledEndpointRows>[number];

/** Endpoints disabled after a 410 Gone (the delivery processor adds them; an admin removes one). */
@Injectable()
export class DisabledEndpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<DisabledEndpointRow[]> {
    const rows: unknown = await this.dataSource.query(
      `SELECT endpoint_key AS "endpointKey", channel, target, status_code AS "statusCode", reason, delivery_id AS "deliveryId", recipient_key AS "recipientKey", disabled_at AS "disabledAt"
         FROM disabled_endpoints ORDER BY disabled_at DESC`,
    );
    return disabledEndpointRows.parse(rows);
  }

  /** False when no endpoint with that key was disabled. */
  async enable(endpointKey: string): Promise<boolean> {
    const removed = await this.dataSource.query(
      `WITH gone AS (DELETE FROM disabled_endpoints WHERE endpoint_key = $1 RETURNING endpoint_key) SELECT * FROM gone`,
      [endpointKey],
    );
    return removed.length > 0;
  }
}

/** Since when and why an endpoint is disabled; undefined while it is enabled. */
export async function findDisabledEndpoint(
  manager: EntityManager,
  endpointKey: string | null,
): Promise<{ disabledAt: Date; reason: string | null } | undefined> {
  const [row] = await manager.query(`SELECT disabled_at AS "disabledAt", reason FROM disabled_endpoints WHERE endpoint_key = $1`, [
    endpointKey,
  ]);
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
    [
      disabling.endpointKey,
      disabling.channel,
      disabling.target,
      disabling.statusCode,
      disabling.reason,
      disabling.deliveryId,
      disabling.recipientKey,
    ],
  );
  return inserted.length > 0;
}
