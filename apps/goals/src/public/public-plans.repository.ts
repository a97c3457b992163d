import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { publicGoalRow, PublicGoalRow, publicMunicipalityRow, publicPlanRow, PublicPlanRow } from './public-rows';

/** A plan is public when its current version opted in (`transparency: { public: true }`). */
const PUBLIC_PLANS = `
  SELECT p.id, p.municipality, v.document
    FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
   WHERE v.document->'transparency'->>'public' = 'true'`;

/**
 * The public face of plans and their goals (the transparency page): only plans that opted in,
 * only goals of such plans, and never an owner, recipient or author column.
 */
@Injectable()
export class PublicPlansRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Municipalities with at least one public plan, by code. */
  async municipalities(): Promise<z.infer<typeof publicMunicipalityRow>[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT municipality AS code, count(*)::int AS plans FROM (${PUBLIC_PLANS}) pub GROUP BY municipality ORDER BY municipality`,
    );
    return rows.map((row) => publicMunicipalityRow.parse(row));
  }

  /** The municipality's public plans with the parts of their documents the page shows. */
  async plans(municipality: string): Promise<PublicPlanRow[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT * FROM (${PUBLIC_PLANS}) pub WHERE municipality = $1 ORDER BY document->>'title', id`,
      [municipality],
    );
    return rows.map((row) => publicPlanRow.parse(row));
  }

  /** The live goals of the municipality's public plans with their state and its evaluation. */
  async goals(municipality: string): Promise<PublicGoalRow[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT g.id, g.plan_id AS "planId", g.plan_goal_id AS "planGoalId", g.focus_area AS "focusArea", g.text, g.indicator_id AS indicator,
              g.rule, g.direction, g.evaluation_period AS "evaluationPeriod",
              COALESCE(s.state, 'no_data') AS state, s.period AS "statePeriod", s.changed_at AS "stateSince",
              e.value, e.required, e.benchmarks, e.explanation
         FROM goals g
         JOIN (${PUBLIC_PLANS}) pub ON pub.id = g.plan_id
         LEFT JOIN goal_states s ON s.goal_id = g.id
         LEFT JOIN evaluations e ON e.id = s.evaluation_id
        WHERE g.deleted_at IS NULL AND pub.municipality = $1 AND g.municipality = $1
        ORDER BY g.plan_id, g.focus_area, g.plan_goal_id`,
      [municipality],
    );
    return rows.map((row) => publicGoalRow.parse(row));
  }
}
