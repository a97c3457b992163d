import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

export interface BoardFilter {
  municipality?: string;
  plan?: string;
  focusArea?: string;
  owner?: string;
  /** The principal's scope: `null` is every municipality. */
  municipalities: string[] | null;
}

const nullableText = z.string().nullable();
const boardGoalRow = z.object({
  id: z.string(),
  planId: nullableText,
  planName: nullableText,
  planMunicipality: nullableText,
  focusAreaId: nullableText,
  focusAreaName: nullableText,
  planGoalId: nullableText,
  name: z.string(),
  text: nullableText,
  municipality: z.string(),
  indicator: z.string(),
  state: z.string(),
  statePeriod: nullableText,
  // The driver answers a timestamptz as a Date; the API answers it as ISO text.
  stateSince: z
    .date()
    .nullable()
    .transform((at) => at?.toISOString() ?? null),
  value: z.number().nullable(),
  target: z.number().nullable(),
  gap: z.number().nullable(),
  direction: z.string(),
  owners: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The indicator's latest readings (up to 48, newest first) before the period kind is picked. */
  readings: z.array(z.object({ period: z.string(), value: z.number() })),
});
export type BoardGoalRow = z.infer<typeof boardGoalRow>;

/** The status board's read model. */
@Injectable()
export class BoardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The live goals on the board, in plan and focus-area order, with their state, the judgement behind
   * it, their owners and their recent readings. `state` is filtered by the caller (the counts cover
   * every state). `owner` is an owner id or name.
   */
  async goalRows(filter: BoardFilter): Promise<BoardGoalRow[]> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT g.id, g.plan_id AS "planId", p.title AS "planName", p.municipality AS "planMunicipality",
              g.focus_area AS "focusAreaId",
              (SELECT fa->>'title' FROM jsonb_array_elements(v.document->'focusAreas') fa WHERE fa->>'id' = g.focus_area LIMIT 1) AS "focusAreaName",
              g.plan_goal_id AS "planGoalId", g.name, g.text, g.municipality, g.indicator_id AS indicator,
              COALESCE(s.state, 'no_data') AS state, s.period AS "statePeriod", s.changed_at AS "stateSince",
              e.value, COALESCE(e.required, (g.rule->>'target')::float8) AS target, e.gap, g.direction,
              COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY go.position)
                          FROM goal_owners go JOIN owners o ON o.id = go.owner_id WHERE go.goal_id = g.id), '[]') AS owners,
              COALESCE((SELECT json_agg(json_build_object('period', r.period, 'value', r.value))
                          FROM (SELECT period, value FROM indicator_values iv WHERE iv.indicator_id = g.indicator_id AND iv.municipality = g.municipality
                                 ORDER BY period_end DESC, period DESC LIMIT 48) r), '[]') AS readings
         FROM goals g
         LEFT JOIN plans p ON p.id = g.plan_id
         LEFT JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
         LEFT JOIN goal_states s ON s.goal_id = g.id
         LEFT JOIN evaluations e ON e.id = s.evaluation_id
        WHERE g.deleted_at IS NULL
          AND ($1::text IS NULL OR g.municipality = $1)
          AND ($2::text IS NULL OR g.plan_id = $2)
          AND ($3::text IS NULL OR g.focus_area = $3)
          AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM goal_owners go JOIN owners o ON o.id = go.owner_id WHERE go.goal_id = g.id AND (o.id::text = $4 OR o.name = $4)))
          AND ($5::text[] IS NULL OR g.municipality = ANY($5))
        ORDER BY p.title NULLS LAST, g.plan_id NULLS LAST, g.focus_area NULLS LAST, g.plan_goal_id NULLS LAST, g.created_at`,
      [filter.municipality ?? null, filter.plan ?? null, filter.focusArea ?? null, filter.owner ?? null, filter.municipalities],
    );
    return rows.map((row) => boardGoalRow.parse(row));
  }
}
