import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { goalRule } from '@pejling/contracts';
import type { GoalVersionSpec } from './goal-version-spec';

/** One version of a goal as the evaluation reads it. */
export interface GoalVersionRow {
  version: number;
  effectiveFrom: string;
  spec: GoalVersionSpec;
}

export interface NewGoalVersion {
  goalId: string;
  version: number;
  spec: GoalVersionSpec;
  effectiveFrom: string;
  author: string;
}

/** A stored spec as specOf writes it (an absent optional field reads as null, which is what specOf writes for it). */
const storedSpec = z.object({
  rule: goalRule,
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  severity: z.enum(['critical', 'major', 'minor']),
  hysteresis: z.number().int(),
  precision: z
    .number()
    .int()
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  horizon: z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  applicability: z
    .object({ kind: z.literal('actual_above_expected') })
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
const versionRow = z.object({ version: z.number().int(), effective_from: z.string(), spec: storedSpec });

const listingRow = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  author: z.string(),
  // The driver answers timestamptz as a Date; the API answers it as ISO text.
  createdAt: z.date().transform((at) => at.toISOString()),
  /** What the goal is judged by in this version (rule, direction, severity, hysteresis, precision, horizon, applicability), as stored. */
  definition: z.looseObject({}),
});
export type GoalVersionListing = z.infer<typeof listingRow>;

const latestRow = z.object({ version: z.number().int(), spec: z.unknown() });

/** The goal's newest version number and spec as stored (compared canonically, so left unparsed). */
export async function latestGoalVersion(manager: EntityManager, goalId: string): Promise<z.infer<typeof latestRow> | undefined> {
  const [latest] = await manager.query(`SELECT version, spec FROM goal_versions WHERE goal_id = $1 ORDER BY version DESC LIMIT 1`, [
    goalId,
  ]);
  return latest ? latestRow.parse(latest) : undefined;
}

export async function insertGoalVersion(manager: EntityManager, version: NewGoalVersion): Promise<void> {
  await manager.query(`INSERT INTO goal_versions (goal_id, version, spec, effective_from, author) VALUES ($1, $2, $3, $4, $5)`, [
    version.goalId,
    version.version,
    version.spec,
    version.effectiveFrom,
    version.author,
  ]);
}

/** Every version of a goal, in the order they take effect (the evaluation picks the one in force per period). */
export async function goalVersions(manager: EntityManager, goalId: string): Promise<GoalVersionRow[]> {
  const rows: unknown[] = await manager.query(
    `SELECT version, effective_from, spec FROM goal_versions WHERE goal_id = $1 ORDER BY effective_from, version`,
    [goalId],
  );
  return rows.map((row) => {
    const parsed = versionRow.parse(row);
    return { version: parsed.version, effectiveFrom: parsed.effective_from, spec: parsed.spec };
  });
}

/** Every version of a goal, oldest first. */
export async function listGoalVersions(manager: EntityManager, goalId: string): Promise<GoalVersionListing[]> {
  const rows: unknown[] = await manager.query(
    `SELECT version, effective_from AS "effectiveFrom", author, created_at AS "createdAt", spec AS definition FROM goal_versions WHERE goal_id = $1 ORDER BY version`,
    [goalId],
  );
  return rows.map((row) => listingRow.parse(row));
}

/** The goal versions read outside a unit of work (the API's listing). */
@Injectable()
export class GoalVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(goalId: string, manager: EntityManager = this.dataSource.manager): Promise<GoalVersionListing[]> {
    return listGoalVersions(manager, goalId);
  }
}
