import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope } from '@pejling/contracts';
import { Comparator, evaluateThreshold, explainThreshold, findIndicator, GoalState, transitionBetween } from '@pejling/domain';

export interface GoalRow {
  id: string;
  name: string;
  municipality: string;
  indicator_id: string;
  comparator: Comparator;
  target: number;
  owner_name: string;
  owner_email: string | null;
  owner_webhook_url: string | null;
}

export interface IndicatorReading {
  indicatorId: string;
  municipality: string;
  period: string;
  value: number;
  inputs: Record<string, unknown>;
}

/**
 * Evaluates one goal against one indicator reading, stores the evaluation with its inputs and
 * explanation, and moves the goal's current state when the reading is for its latest period.
 * Returns `goal.evaluated`, plus `goal.breached` / `goal.recovered` when the state changed.
 */
export async function evaluateGoal(manager: EntityManager, goal: GoalRow, reading: IndicatorReading, causeEventId: string | null): Promise<EventEnvelope[]> {
  const [current] = await manager.query(`SELECT state, period FROM goal_states WHERE goal_id = $1 FOR UPDATE`, [goal.id]);
  const isLatest = !current || reading.period >= current.period;
  const rule = { kind: 'threshold' as const, comparator: goal.comparator, target: goal.target };
  const { state, gap } = evaluateThreshold(rule, reading.value);
  const previousState: GoalState | null = current?.state ?? null;
  const transition = isLatest ? transitionBetween(previousState ?? undefined, state) : null;
  const indicator = findIndicator(goal.indicator_id);
  const explanation = explainThreshold({
    indicatorLabelDa: indicator?.labelDa ?? goal.indicator_id,
    indicatorLabelEn: indicator?.labelEn ?? goal.indicator_id,
    period: reading.period,
    value: reading.value,
    rule,
    state,
    gap,
  });
  const evaluationId = randomUUID();
  await manager.query(
    `INSERT INTO evaluations (id, goal_id, period, value, comparator, target, gap, state, previous_state, transition, explanation, inputs, cause_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [evaluationId, goal.id, reading.period, reading.value, goal.comparator, goal.target, gap, state, previousState, transition, explanation, reading.inputs, causeEventId],
  );
  if (isLatest) {
    await manager.query(
      `INSERT INTO goal_states (goal_id, state, period, evaluation_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (goal_id) DO UPDATE SET state = EXCLUDED.state, period = EXCLUDED.period, evaluation_id = EXCLUDED.evaluation_id,
         changed_at = CASE WHEN goal_states.state = EXCLUDED.state THEN goal_states.changed_at ELSE now() END`,
      [goal.id, state, reading.period, evaluationId],
    );
  }
  const payload = {
    evaluationId,
    goalId: goal.id,
    goalName: goal.name,
    municipality: goal.municipality,
    indicatorId: goal.indicator_id,
    period: reading.period,
    value: reading.value,
    rule,
    gap,
    state,
    previousState,
    explanation,
  };
  const options = { source: 'pejling/goals', municipality: goal.municipality, correlationId: causeEventId ?? undefined };
  const events: EventEnvelope[] = [createEvent('goal.evaluated', payload, options)];
  if (transition) {
    const owner = { name: goal.owner_name, email: goal.owner_email, webhookUrl: goal.owner_webhook_url };
    events.push(createEvent(transition === 'breach' ? 'goal.breached' : 'goal.recovered', { ...payload, transition, owner }, options));
  }
  return events;
}
