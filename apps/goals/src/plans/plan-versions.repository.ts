import { EntityManager } from 'typeorm';

export interface PlanVersionListing {
  version: number;
  effectiveFrom: string;
  author: string;
  createdAt: string;
}

/** The plan's municipality (for the scope check), or undefined when there is no such plan. */
export async function findPlanMunicipality(manager: EntityManager, planId: string): Promise<string | undefined> {
  const [row] = await manager.query(`SELECT municipality FROM plans WHERE id = $1`, [planId]);
  return row?.municipality;
}

export async function listPlanVersions(manager: EntityManager, planId: string): Promise<PlanVersionListing[]> {
  return manager.query(
    `SELECT version, effective_from AS "effectiveFrom", author, created_at AS "createdAt" FROM plan_versions WHERE plan_id = $1 ORDER BY version`,
    [planId],
  );
}
