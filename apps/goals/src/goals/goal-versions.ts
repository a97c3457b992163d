import { UnitOfWork } from '@pejling/platform';
import type { GoalRow } from '../evaluation/goal-row';
import { canonical, FROM_THE_START, specOf } from '../evaluation/goal-version-spec';
import { insertGoalVersion, latestGoalVersion } from '../evaluation/goal-versions.repository';

/** Records a new version unless the spec equals the latest one; returns whether it did. */
export async function recordGoalVersion({ manager }: UnitOfWork, goal: GoalRow, effectiveFrom: string, author: string): Promise<boolean> {
  const spec = specOf(goal);
  const latest = await latestGoalVersion(manager, goal.id);
  if (latest && canonical(latest.spec) === canonical(spec)) return false;
  await insertGoalVersion(manager, {
    goalId: goal.id,
    version: (latest?.version ?? 0) + 1,
    spec,
    effectiveFrom: latest ? effectiveFrom : FROM_THE_START,
    author,
  });
  return true;
}
