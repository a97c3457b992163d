import { EntityManager } from 'typeorm';
import type { GoalRow } from './goal-row';

/** What a goal is judged by; a change of any of it is a new goal version. */
export type GoalVersionSpec = Pick<GoalRow, 'rule' | 'direction' | 'severity' | 'hysteresis' | 'precision' | 'horizon' | 'applicability'>;

/** The first version applies to every period. */
export const FROM_THE_START = '2000-01';

export function specOf(goal: GoalRow): GoalVersionSpec {
  return {
    rule: goal.rule,
    direction: goal.direction,
    severity: goal.severity,
    hysteresis: goal.hysteresis,
    precision: goal.precision ?? null,
    horizon: goal.horizon ?? null,
    applicability: goal.applicability ?? null,
  };
}

/** Records a new version unless the spec equals the latest one; returns whether it did. */
export async function recordGoalVersion(manager: EntityManager, goal: GoalRow, effectiveFrom: string, author: string): Promise<boolean> {
  const spec = specOf(goal);
  const [latest] = await manager.query(`SELECT version, spec FROM goal_versions WHERE goal_id = $1 ORDER BY version DESC LIMIT 1`, [goal.id]);
  if (latest && canonical(latest.spec) === canonical(spec)) return false;
  await manager.query(`INSERT INTO goal_versions (goal_id, version, spec, effective_from, author) VALUES ($1, $2, $3, $4, $5)`, [
    goal.id,
    (latest?.version ?? 0) + 1,
    spec,
    latest ? effectiveFrom : FROM_THE_START,
    author,
  ]);
  return true;
}

/** JSON with sorted keys, so equal specs compare equal whatever order PostgreSQL returns keys in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface GoalVersionListing {
  version: number;
  effectiveFrom: string;
  author: string;
  createdAt: string;
  /** What the goal is judged by in this version (rule, direction, severity, hysteresis, precision, horizon, applicability). */
  definition: GoalVersionSpec;
}

/** Every version of a goal, oldest first. */
export async function listGoalVersions(manager: EntityManager, goalId: string): Promise<GoalVersionListing[]> {
  return manager.query(
    `SELECT version, effective_from AS "effectiveFrom", author, created_at AS "createdAt", spec AS definition FROM goal_versions WHERE goal_id = $1 ORDER BY version`,
    [goalId],
  );
}
