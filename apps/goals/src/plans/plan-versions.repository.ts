import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface PlanVersionListing {
  version: number;
  effectiveFrom: string;
  author: string;
  createdAt: string;
}

/** A plan's version history (the listing, without the documents). */
@Injectable()
export class PlanVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The plan's municipality (for the scope check), or undefined when there is no such plan. */
  async findPlanMunicipality(planId: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row] = await manager.query(`SELECT municipality FROM plans WHERE id = $1`, [planId]);
    return row?.municipality;
  }

  async listPlanVersions(planId: string, manager: EntityManager = this.dataSource.manager): Promise<PlanVersionListing[]> {
    return manager.query(
      `SELECT version, effective_from AS "effectiveFrom", author, created_at AS "createdAt" FROM plan_versions WHERE plan_id = $1 ORDER BY version`,
      [planId],
    );
  }
}
