import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publicChangeRow, PublicChangeRow } from './public-rows';

/** The state changes (goal_transitions) of public plans' goals, for the public feed. */
@Injectable()
export class PublicChangesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first (by when the change was judged), at most `limit`. */
  async latest(municipality: string, limit: number): Promise<PublicChangeRow[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT t.goal_id AS "goalId", g.plan_id AS "planId", g.plan_goal_id AS "planGoalId", g.text, t.period,
              t.from_state AS "from", t.to_state AS "to", t.kind, e.evaluated_at AS "at"
         FROM goal_transitions t
         JOIN goals g ON g.id = t.goal_id
         JOIN plans p ON p.id = g.plan_id
         JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
         JOIN evaluations e ON e.id = t.evaluation_id
        WHERE v.document->'transparency'->>'public' = 'true' AND p.municipality = $1 AND g.municipality = $1 AND g.deleted_at IS NULL
        ORDER BY e.evaluated_at DESC, t.period DESC, t.goal_id
        LIMIT $2`,
      [municipality, limit],
    );
    return rows.map((row) => publicChangeRow.parse(row));
  }
}
