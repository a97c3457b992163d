import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@pejling/contracts';
import { AlertPolicy } from './alert-policy';
import { evaluateGoal, GoalRow } from './goal-evaluator';

/** Judges a new or changed goal at once against the latest indicator value the service knows. */
export async function evaluateAgainstLatest(manager: EntityManager, goal: GoalRow, policy: AlertPolicy): Promise<EventEnvelope[]> {
  const [latest] = await manager.query(
    `SELECT period, value, inputs, benchmarks, rank FROM indicator_values WHERE indicator_id = $1 AND municipality = $2 ORDER BY period DESC LIMIT 1`,
    [goal.indicator_id, goal.municipality],
  );
  if (!latest) return [];
  return evaluateGoal(
    manager,
    goal,
    {
      indicatorId: goal.indicator_id,
      municipality: goal.municipality,
      period: latest.period,
      value: latest.value,
      inputs: latest.inputs,
      benchmarks: latest.benchmarks ?? { national: null, cluster: null },
      rank: latest.rank ?? { country: null, cluster: null },
    },
    null,
    policy,
  );
}
