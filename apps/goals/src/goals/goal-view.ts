import { NotFoundException } from '@nestjs/common';
import { findIndicator } from '@pejling/domain-indicators';
import { GoalsRepository, GoalView } from './goals.repository';

/** The live goal, in any scope (the caller checks it), or 404; an id that is no UUID is unknown too. */
export async function findGoalOr404(goals: GoalsRepository, id: string): Promise<GoalView> {
  if (!isUuid(id)) throw new NotFoundException(`No goal with id ${id}.`);
  const goal = await goals.findView(id);
  if (!goal) throw new NotFoundException(`No goal with id ${id}.`);
  return goal;
}

/** A goal never evaluated still says why it has no state. */
export function withExplanation<G extends GoalView>(goal: G): G {
  if (goal.explanation) return goal;
  const indicator = findIndicator(goal.indicator);
  return {
    ...goal,
    explanation: {
      da: `Der er endnu ingen tal for ${indicator?.labelDa ?? goal.indicator}; målet vurderes, når tallene kommer.`,
      en: `There are no figures for ${indicator?.labelEn ?? goal.indicator} yet; the goal is judged when they arrive.`,
    },
  };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
