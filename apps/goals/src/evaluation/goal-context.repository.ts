import { EntityManager } from 'typeorm';
import { z } from 'zod';

/** An indicator a plan declares itself (its entry in the stored plan document's `indicators`). */
const declaredIndicator = z.looseObject({ labelDa: z.string(), labelEn: z.string(), unit: z.string() });
export type DeclaredIndicator = z.infer<typeof declaredIndicator>;

const planContextRow = z.object({
  plan_id: z.string().nullable(),
  plan_title: z.string().nullable(),
  plan_goal_id: z.string().nullable(),
  text: z.string().nullable(),
  focus_area: z.string().nullable(),
  focus_title: z.string().nullable(),
});
/** Where a goal sits in its plan (all null for a goal made outside a plan). */
export type GoalPlanContext = z.infer<typeof planContextRow>;

/** The indicator `indicatorId` as the current version of the goal's plan declares it; undefined when it declares none such. */
export async function declaredIndicatorOf(
  manager: EntityManager,
  goalId: string,
  indicatorId: string,
): Promise<DeclaredIndicator | undefined> {
  const [row] = await manager.query(
    `SELECT indicator FROM goals g
       JOIN plans p ON p.id = g.plan_id
       JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version,
       jsonb_array_elements(v.document->'indicators') AS indicator
      WHERE g.id = $1 AND indicator->>'id' = $2`,
    [goalId, indicatorId],
  );
  return row ? declaredIndicator.parse(row.indicator) : undefined;
}

/** The goal's plan, focus area (with its title in the plan's current version), plan goal id and text. */
export async function goalPlanContext(manager: EntityManager, goalId: string): Promise<GoalPlanContext | undefined> {
  const [row] = await manager.query(
    `SELECT g.plan_id, p.title AS plan_title, g.plan_goal_id, g.text, g.focus_area,
            (SELECT area->>'title' FROM plan_versions v, jsonb_array_elements(v.document->'focusAreas') AS area
              WHERE v.plan_id = p.id AND v.version = p.current_version AND area->>'id' = g.focus_area LIMIT 1) AS focus_title
       FROM goals g LEFT JOIN plans p ON p.id = g.plan_id WHERE g.id = $1`,
    [goalId],
  );
  return row ? planContextRow.parse(row) : undefined;
}

/** Every owner of the goal in the plan's order; a goal from before owners were listed has its primary owner. */
export async function goalOwnerIds(manager: EntityManager, goalId: string): Promise<string[]> {
  const rows: unknown[] = await manager.query(
    `SELECT go.owner_id FROM goal_owners go JOIN owners o ON o.id = go.owner_id WHERE go.goal_id = $1 ORDER BY go.position, o.name`,
    [goalId],
  );
  if (rows.length > 0) return rows.map((row) => ownerIdRow.parse(row).owner_id);
  const [primary] = await manager.query(`SELECT owner_id FROM goals WHERE id = $1`, [goalId]);
  const owner = primary ? primaryOwnerRow.parse(primary).owner_id : null;
  return owner ? [owner] : [];
}

const ownerIdRow = z.object({ owner_id: z.string() });
const primaryOwnerRow = z.object({ owner_id: z.string().nullable() });
