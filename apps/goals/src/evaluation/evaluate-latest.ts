import { EventEnvelope } from '@pejling/contracts';
import { UnitOfWork } from '@pejling/platform';
import { AlertPolicy } from './alert-policy';
import { GoalRow } from './goal-row';
import { rejudgeGoal } from './rejudge-goal';

/**
 * Judges a new or changed goal at once over every reading the service knows (each period by the
 * version in force for it), so a goal created after its data is judged as if it had been there first.
 */
export function evaluateAgainstLatest(unit: UnitOfWork, goal: GoalRow, policy: AlertPolicy): Promise<EventEnvelope[]> {
  return rejudgeGoal(unit, goal, null, null, policy);
}
