import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { Plan } from '@pejling/domain-goals';

const currentPlanRow = z.object({
  version: z.number().int(),
  municipality: z.string(),
  digest: z.string(),
  effectiveFrom: z.string(),
  /** The stored plan file; the caller parses it with `planSchema` when it needs it (an unchanged PUT does not). */
  document: z.unknown(),
});
export type CurrentPlan = z.infer<typeof currentPlanRow>;

const planSummaryRow = z.object({
  id: z.string(),
  municipality: z.string(),
  title: z.string(),
  currentVersion: z.number().int(),
  updatedAt: z.date(),
  goals: z.number().int(),
});
export type PlanSummary = z.infer<typeof planSummaryRow>;

const planVersionRow = z.object({
  document: z.unknown(),
  version: z.number().int(),
  author: z.string(),
  effectiveFrom: z.string(),
  createdAt: z.date(),
  municipality: z.string(),
});
export type PlanVersion = z.infer<typeof planVersionRow>;

/** Plans and their versions as PUT and GET read and write them; methods take the transaction's manager when they run in one. */
@Injectable()
export class PlansRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The plan's current version, its plan row locked for this transaction (a PUT decides on it). */
  async lockCurrentPlan(planId: string, manager: EntityManager = this.dataSource.manager): Promise<CurrentPlan | undefined> {
    const [row] = await manager.query(
      `SELECT p.current_version AS version, p.municipality, v.digest, v.effective_from AS "effectiveFrom", v.document
         FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
        WHERE p.id = $1 FOR UPDATE OF p`,
      [planId],
    );
    return row ? currentPlanRow.parse(row) : undefined;
  }

  /** Creates the plan or points it at its new current version (with the version's municipality and title). */
  async upsertPlan(plan: Plan, version: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO plans (id, municipality, title, current_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET municipality = EXCLUDED.municipality, title = EXCLUDED.title, current_version = EXCLUDED.current_version, updated_at = now()`,
      [plan.id, plan.municipality, plan.title, version],
    );
  }

  async insertPlanVersion(
    version: { plan: Plan; version: number; digest: string; author: string; effectiveFrom: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO plan_versions (plan_id, version, document, digest, author, effective_from) VALUES ($1, $2, $3, $4, $5, $6)`,
      [version.plan.id, version.version, version.plan, version.digest, version.author, version.effectiveFrom],
    );
  }

  /** Plans in the municipalities given (`null`: all), with their live goals counted. */
  async listPlans(municipalities: string[] | null, manager: EntityManager = this.dataSource.manager): Promise<PlanSummary[]> {
    const rows: unknown[] = await manager.query(
      `SELECT p.id, p.municipality, p.title, p.current_version AS "currentVersion", p.updated_at AS "updatedAt",
              (SELECT count(*)::int FROM goals g WHERE g.plan_id = p.id AND g.deleted_at IS NULL) AS goals
         FROM plans p WHERE ($1::text[] IS NULL OR p.municipality = ANY($1)) ORDER BY p.id`,
      [municipalities],
    );
    return rows.map((row) => planSummaryRow.parse(row));
  }

  /** A version of the plan (the current one when `version` is absent), with the plan's municipality for the scope check. */
  async findPlanVersion(
    planId: string,
    version?: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PlanVersion | undefined> {
    const [row] = await manager.query(
      `SELECT v.document, v.version, v.author, v.effective_from AS "effectiveFrom", v.created_at AS "createdAt", p.municipality
         FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = COALESCE($2, p.current_version) WHERE p.id = $1`,
      [planId, version ?? null],
    );
    return row ? planVersionRow.parse(row) : undefined;
  }
}
