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
