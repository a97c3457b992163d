import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

const listingRow = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  author: z.string(),
  // The driver answers timestamptz as a Date; the API answers it as ISO text.
  createdAt: z.date().transform((at) => at.toISOString()),
});
export type PlanVersionListing = z.infer<typeof listingRow>;
const municipalityRow = z.object({ municipality: z.string() });

/** A plan's version history (the listing, without the documents). */
@Injectable()
export class PlanVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The plan's municipality (for the scope check), or undefined when there is no such plan. */
  async findPlanMunicipality(planId: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row] = await manager.query(`SELECT municipality FROM plans WHERE id = $1`, [planId]);
    return row ? municipalityRow.parse(row).municipality : undefined;
  }

  async listPlanVersions(planId: string, manager: EntityManager = this.dataSource.manager): Promise<PlanVersionListing[]> {
    const rows: unknown[] = await manager.query(
      `SELECT version, effective_from AS "effectiveFrom", author, created_at AS "createdAt" FROM plan_versions WHERE plan_id = $1 ORDER BY version`,
      [planId],
    );
    return rows.map((row) => listingRow.parse(row));
  }
}
