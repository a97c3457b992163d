import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope, GoalEvaluated } from '@pejling/contracts';
import {
  Applicability,
  changeDrivers,
  engineTransition,
  EngineState,
  deriveIndicator,
  EvaluationPeriodKind,
  evaluateRule,
  explainDrivers,
  explainResult,
  ExplanationLabels,
  explanationLabels,
  findIndicator,
  GoalReading,
  GoalRule,
  GoalSpec,
  isJudged,
  monthOf,
  parseDerivedId,
  periodEndMonth,
  periodKind,
  stabilize,
} from '@pejling/domain';
import { goalInForce } from '../goals/goal-versions';
import { AlertPolicy, isHistorical } from './alert-policy';
import { transitionPayload } from './transition-event';

export interface GoalRow {
  id: string;
  name: string;
  municipality: string;
  indicator_id: string;
  rule: GoalRule;
  direction: GoalSpec['direction'];
  severity: 'critical' | 'major' | 'minor';
  hysteresis: number;
  precision: number | null;
  horizon: string | null;
  applicability: Applicability | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_webhook_url: string | null;
  evaluation_period?: EvaluationPeriodKind;
}

export interface IndicatorReading {
  indicatorId: string;
  municipality: string;
  period: string;
  value: number;
  inputs: Record<string, unknown>;
  benchmarks: { national: number | null; cluster: number | null };
  /** 1 = lowest value; `countryOf`/`clusterOf` let a higher-is-better goal read it the other way round. */
  rank: { country: number | null; cluster: number | null; countryOf?: number; clusterOf?: number };
}

const TRANSITION_EVENT = { breach: 'goal.breached', at_risk: 'goal.at-risk', recovery: 'goal.recovered', stale: 'goal.stale' } as const;

/**
 * Evaluates one goal against one indicator reading with the goal engine, stores the evaluation
 * with its inputs and explanation, and, when the reading is for the goal's latest period, moves
 * its state (after hysteresis). Returns `goal.evaluated` plus a breach, at-risk or recovery event
 * when the judged state changed.
 */
export async function evaluateGoal(manager: EntityManager, latestGoal: GoalRow, reading: IndicatorReading, causeEventId: string | null, policy: AlertPolicy): Promise<EventEnvelope[]> {
  const now = policy.now;
  const goal = await goalInForce(manager, latestGoal, reading.period);
  const [current] = await manager.query(`SELECT state, period, last_judged_state, notified_state FROM goal_states WHERE goal_id = $1 FOR UPDATE`, [goal.id]);
  const isLatest = !current || reading.period >= current.period;
  const spec: GoalSpec = {
    rule: goal.rule,
    direction: goal.direction,
    ...(goal.horizon ? { horizon: goal.horizon } : {}),
    ...(goal.precision !== null ? { precision: goal.precision } : {}),
    ...(goal.applicability ? { applicability: goal.applicability } : {}),
  };
  const engineReading = await buildReading(manager, goal, reading);
  const outcome = evaluateRule(spec, engineReading, { asOf: monthOf(now) });
  const explanation = explainResult(spec, engineReading, outcome, await indicatorLabels(manager, goal));
  const drivers = explainDrivers(changeDrivers(await previousParts(manager, goal.id), partsOf(reading.inputs)));
  if (drivers) {
    explanation.da = `${explanation.da} ${drivers.da}`;
    explanation.en = `${explanation.en} ${drivers.en}`;
  }

  const previousState: EngineState | null = current?.state ?? null;
  const state = isLatest ? stabilize(previousState ?? undefined, await recentRawStates(manager, goal, reading.period, outcome.state), goal.hysteresis) : previousState ?? outcome.state;
  const lastJudged: EngineState | null = current?.last_judged_state ?? null;
  // A long-past period (a backfill) moves the state as usual, but owners are told only about the
  // current periods: a current period is compared with what they were last told, so a breach that
  // began in 2019 and still holds is alerted once when the backfill reaches today.
  const historical = isHistorical(goal.evaluation_period ?? 'month', reading.period, policy);
  const notified: EngineState | null = current ? (current.notified_state ?? null) : null;
  const transition = isLatest ? engineTransition(historical ? lastJudged : notified, state) : null;

  const evaluationId = randomUUID();
  await manager.query(
    `INSERT INTO evaluations (id, goal_id, period, value, rule, gap, state, raw_state, previous_state, transition, reason, measured, required,
                              benchmarks, projection, explanation, inputs, cause_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      evaluationId, goal.id, reading.period, reading.value, goal.rule, outcome.gap, state, outcome.state, previousState, transition, outcome.reason,
      outcome.measured, outcome.required, reading.benchmarks, outcome.projection ?? null, explanation, reading.inputs, causeEventId,
    ],
  );
  if (isLatest) {
    await manager.query(
      `INSERT INTO goal_states (goal_id, state, period, evaluation_id, last_judged_state, notified_state) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (goal_id) DO UPDATE SET state = EXCLUDED.state, period = EXCLUDED.period, evaluation_id = EXCLUDED.evaluation_id,
         last_judged_state = EXCLUDED.last_judged_state, notified_state = EXCLUDED.notified_state,
         changed_at = CASE WHEN goal_states.state = EXCLUDED.state THEN goal_states.changed_at ELSE now() END`,
      [goal.id, state, reading.period, evaluationId, isJudged(state) ? state : lastJudged, isJudged(state) && !historical ? state : notified],
    );
  }
  const payload = evaluatedPayload(goal, {
    evaluationId,
    period: reading.period,
    value: reading.value,
    state,
    rawState: outcome.state,
    previousState,
    reason: outcome.reason,
    measured: outcome.measured,
    required: outcome.required,
    gap: outcome.gap,
    benchmarks: reading.benchmarks,
    projection: outcome.projection ?? null,
    explanation,
  });
  const options = { source: 'pejling/goals', municipality: goal.municipality, correlationId: causeEventId ?? undefined };
  const events: EventEnvelope[] = [createEvent('goal.evaluated', payload, options)];
  if (transition) events.push(createEvent(TRANSITION_EVENT[transition], await transitionPayload(manager, goal, payload, transition, historical), options));
  return events;
}

/** The `goal.evaluated` payload: the goal's identity and rule, plus what one evaluation found. */
export { TRANSITION_EVENT };

export function evaluatedPayload(goal: GoalRow, found: Omit<GoalEvaluated, 'goalId' | 'goalName' | 'municipality' | 'indicatorId' | 'rule' | 'direction' | 'periodKind'>): GoalEvaluated {
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

/** The figures each goal kind needs besides the value: benchmarks, ranks, trend history, baseline, running total. */
async function buildReading(manager: EntityManager, goal: GoalRow, reading: IndicatorReading): Promise<GoalReading> {
  const history: { period: string; value: number }[] = await manager.query(
    `SELECT period, value FROM indicator_values WHERE indicator_id = $1 AND municipality = $2 AND period < $3 ORDER BY period DESC LIMIT 12`,
    [goal.indicator_id, goal.municipality, reading.period],
  );
  const engineReading: GoalReading = {
    period: reading.period,
    value: reading.value,
    benchmarks: reading.benchmarks,
    rank: rankFor(goal.direction, reading.rank),
    history: history.reverse(),
  };
  const rule = goal.rule;
  if (goal.applicability?.kind === 'actual_above_expected') engineReading.actualVsExpected = await actualVsExpected(manager, goal.municipality, reading.period);
  if (rule.kind === 'change_by_deadline') {
    const [baseline] = await manager.query(`SELECT value FROM indicator_values WHERE indicator_id = $1 AND municipality = $2 AND period = $3`, [
      goal.indicator_id,
      goal.municipality,
      rule.baselinePeriod,
    ]);
    engineReading.baselineValue = baseline?.value ?? null;
  }
  if (rule.kind === 'cumulative_by_deadline') {
    const [total] = await manager.query(
      `SELECT sum(value) AS total FROM indicator_values WHERE indicator_id = $1 AND municipality = $2 AND period BETWEEN $3 AND $4`,
      [goal.indicator_id, goal.municipality, rule.from, reading.period],
    );
    engineReading.cumulative = total?.total === null || total?.total === undefined ? null : Number(total.total);
  }
  return engineReading;
}

/** The raw states of the goal's latest evaluation per period, oldest first, ending with the new one. */
async function recentRawStates(manager: EntityManager, goal: GoalRow, period: string, newest: EngineState): Promise<EngineState[]> {
  if (goal.hysteresis <= 1) return [newest];
  const rows: { raw_state: EngineState }[] = await manager.query(
    `SELECT DISTINCT ON (period) period, raw_state FROM evaluations
      WHERE goal_id = $1 AND period < $2 ORDER BY period DESC, evaluated_at DESC LIMIT $3`,
    [goal.id, period, goal.hysteresis - 1],
  );
  return [...rows.map((row) => row.raw_state).reverse(), newest];
}

/**
 * The ministry benchmark published ready-made (Jobindsats' expected vs actual full-time persons on
 * public support), posted through ingest as the series below: the newest pair up to the period.
 */
export const BENCHMARK_ACTUAL = 'benchmark.faktiske-fuldtidspersoner';
export const BENCHMARK_EXPECTED = 'benchmark.forventede-fuldtidspersoner';

async function actualVsExpected(manager: EntityManager, municipality: string, period: string): Promise<{ actual: number; expected: number } | null> {
  const [pair] = await manager.query(
    `SELECT a.value AS actual, e.value AS expected FROM indicator_values a
       JOIN indicator_values e ON e.municipality = a.municipality AND e.period = a.period AND e.indicator_id = $3
      WHERE a.indicator_id = $2 AND a.municipality = $1 AND a.period_end <= $4
      ORDER BY a.period_end DESC, a.period DESC LIMIT 1`,
    [municipality, BENCHMARK_ACTUAL, BENCHMARK_EXPECTED, periodEndMonth(period)],
  );
  return pair ? { actual: pair.actual, expected: pair.expected } : null;
}

/** Ranks are published lowest value first; where higher is better, the best is the highest value. */
function rankFor(direction: GoalSpec['direction'], rank: IndicatorReading['rank']): { country: number | null; cluster: number | null } {
  if (direction === 'lower_is_better') return { country: rank.country, cluster: rank.cluster };
  const flip = (position: number | null, of?: number) => (position === null || !of ? null : of + 1 - position);
  return { country: flip(rank.country, rank.countryOf), cluster: flip(rank.cluster, rank.clusterOf) };
}

/**
 * Catalogue labels, or the labels and unit the goal's plan declares for its own indicators; a
 * derived id (`….change-12m`, `….mean-12m`) of a declared indicator is labelled from its base.
 */
export async function indicatorLabels(manager: EntityManager, goal: GoalRow): Promise<ExplanationLabels> {
  const catalogued = findIndicator(goal.indicator_id);
  if (catalogued) return explanationLabels(catalogued);
  const derived = parseDerivedId(goal.indicator_id);
  const [declared] = await manager.query(
    `SELECT indicator FROM goals g
       JOIN plans p ON p.id = g.plan_id
       JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version,
       jsonb_array_elements(v.document->'indicators') AS indicator
      WHERE g.id = $1 AND indicator->>'id' = $2`,
    [goal.id, derived?.base ?? goal.indicator_id],
  );
  const plan = declared?.indicator as { labelDa: string; labelEn: string; unit: string } | undefined;
  if (plan && derived) return explanationLabels(deriveIndicator({ id: derived.base, labelDa: plan.labelDa, labelEn: plan.labelEn, unit: plan.unit === 'percent' ? 'percent' : 'count', share: false }, derived.derivation));
  return {
    indicatorDa: plan?.labelDa ?? goal.indicator_id,
    indicatorEn: plan?.labelEn ?? goal.indicator_id,
    unit: plan && plan.unit !== 'percent' ? 'count' : 'percent',
  };
}

/** The benefit-type counts behind the goal's previous evaluation, to name what drove a group's change. */
async function previousParts(manager: EntityManager, goalId: string): Promise<Record<string, number> | undefined> {
  const [previous] = await manager.query(`SELECT inputs FROM evaluations WHERE goal_id = $1 ORDER BY evaluated_at DESC LIMIT 1`, [goalId]);
  return previous ? partsOf(previous.inputs) : undefined;
}

function partsOf(inputs: Record<string, unknown>): Record<string, number> {
  return (inputs?.parts as Record<string, number> | undefined) ?? {};
}
