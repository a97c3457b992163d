import { GoalEvaluated } from '@pejling/contracts';
import { periodKind } from '@pejling/domain-kernel';
import { GoalRow } from './goal-row';

export const TRANSITION_EVENT = {
  breach: 'goal.breached',
  at_risk: 'goal.at-risk',
  recovery: 'goal.recovered',
  stale: 'goal.stale',
} as const;

/** The `goal.evaluated` payload: the goal's identity and rule, plus what one evaluation found. */
export function evaluatedPayload(
  goal: GoalRow,
  found: Omit<GoalEvaluated, 'goalId' | 'goalName' | 'municipality' | 'indicatorId' | 'rule' | 'direction' | 'periodKind'>,
): GoalEvaluated {
  return {
    goalId: goal.id,
    goalName: goal.name,
    municipality: goal.municipality,
    indicatorId: goal.indicator_id,
    rule: goal.rule,
    direction: goal.direction,
    periodKind: periodKind(found.period),
    ...found,
  };
}
