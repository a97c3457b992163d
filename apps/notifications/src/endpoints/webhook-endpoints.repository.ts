import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

const endpointRow = z.object({
  id: z.string().uuid(),
  url: z.string(),
  legacySignature: z.boolean(),
  registeredBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WebhookEndpoint = z.infer<typeof endpointRow>;

const COLUMNS = `id, url, legacy_signature AS "legacySignature", registered_by AS "registeredBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Owners' and recipients' own webhook endpoints (by URL) and whether they still get the legacy Pejling-Signature. */
@Injectable()
export class WebhookEndpointsRepository {
  /** The endpoint of a URL, locked; one first seen in a delivery is created with the legacy header on (its owner has no secret yet). */
  async lockOrCreate(manager: EntityManager, url: string): Promise<WebhookEndpoint> {
    await manager.query(
      `INSERT INTO webhook_endpoints (id, url, legacy_signature, registered_by) VALUES ($1, $2, true, NULL) ON CONFLICT (url) DO NOTHING`,
      [randomUUID(), url],
    );
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE url = $1 FOR UPDATE`, [url]);
    return endpointRow.parse(row);
  }

  /** Registers a new endpoint ahead of its first delivery; undefined when the URL is known already. */
  async register(manager: EntityManager, url: string, legacySignature: boolean, by: string): Promise<WebhookEndpoint | undefined> {
    const rows = await manager.query(
      `INSERT INTO webhook_endpoints (id, url, legacy_signature, registered_by) VALUES ($1, $2, $3, $4) ON CONFLICT (url) DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), url, legacySignature, by],
    );
    return rows[0] ? endpointRow.parse(rows[0]) : undefined;
  }

  async list(manager: EntityManager): Promise<WebhookEndpoint[]> {
    return (await manager.query(`SELECT ${COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`)).map((row: unknown) =>
      endpointRow.parse(row),
    );
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<WebhookEndpoint | undefined> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? endpointRow.parse(row) : undefined;
  }

  async setLegacySignature(manager: EntityManager, id: string, legacySignature: boolean): Promise<WebhookEndpoint> {
    const [rows] = await manager.query(
      `UPDATE webhook_endpoints SET legacy_signature = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, legacySignature],
    );
    return endpointRow.parse(rows[0]);
  }
}
