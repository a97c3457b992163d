import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { GoalVersionSpec } from './goal-version-spec';

/** One version of a goal as the evaluation reads it. */
export interface GoalVersionRow {
  version: number;
  effectiveFrom: string;
  spec: GoalVersionSpec;
}

export interface GoalVersionListing {
  version: number;
  effectiveFrom: string;
  author: string;
  createdAt: string;
  /** What the goal is judged by in this version (rule, direction, severity, hysteresis, precision, horizon, applicability). */
  definition: GoalVersionSpec;
}

export interface NewGoalVersion {
  goalId: string;
  version: number;
  spec: GoalVersionSpec;
  effectiveFrom: string;
  author: string;
}

const latestRow = z.object({ version: z.number().int(), spec: z.unknown() });

/** The goal's newest version number and spec as stored (compared canonically, so left unparsed). */
export async function latestGoalVersion(manager: EntityManager, goalId: string): Promise<z.infer<typeof latestRow> | undefined> {
  const [latest] = await manager.query(`SELECT version, spec FROM goal_versions WHERE goal_id = $1 ORDER BY version DESC LIMIT 1`, [goalId]);
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
  const rows: { version: number; effective_from: string; spec: GoalVersionSpec }[] = await manager.query(
    `SELECT version, effective_from, spec FROM goal_versions WHERE goal_id = $1 ORDER BY effective_from, version`,
    [goalId],
  );
  return rows.map((row) => ({ version: row.version, effectiveFrom: row.effective_from, spec: row.spec }));
}

/** Every version of a goal, oldest first. */
export async function listGoalVersions(manager: EntityManager, goalId: string): Promise<GoalVersionListing[]> {
  return manager.query(
    `SELECT version, effective_from AS "effectiveFrom", author, created_at AS "createdAt", spec AS definition FROM goal_versions WHERE goal_id = $1 ORDER BY version`,
    [goalId],
  );
}

/** The goal versions read outside a unit of work (the API's listing). */
@Injectable()
export class GoalVersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(goalId: string, manager: EntityManager = this.dataSource.manager): Promise<GoalVersionListing[]> {
    return listGoalVersions(manager, goalId);
  }
}
