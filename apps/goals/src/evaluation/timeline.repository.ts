import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { clusterBasis, engineState, explanation as explanationSchema, nationalBasis } from '@pejling/contracts';
import { EngineState, MinistryBenchmark, TimelineEvaluation, TimelinePoint, TimelineTransition } from '@pejling/domain-goals';
import { GoalRow, parseGoalRow } from './goal-row';
import { BENCHMARK_ACTUAL, BENCHMARK_EXPECTED } from './indicator-reading';

/** A current (not superseded) judgement of one period, as stored. */
export interface StoredEvaluation extends TimelineEvaluation {
  id: string;
}

/** What owners were told about a period (an alert or a correction) and has not been corrected since. */
export interface ToldAlert {
  id: string;
  period: string;
  kind: 'breach' | 'at_risk' | 'recovery' | 'correction';
  state: EngineState;
  eventId: string;
  explanation: { da: string; en: string };
}

const numberOrNull = z.number().nullable();
const benchmarks = z.object({
  national: numberOrNull.optional().transform((v) => v ?? null),
  cluster: numberOrNull.optional().transform((v) => v ?? null),
  nationalBasis: nationalBasis
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  clusterBasis: clusterBasis
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
const rank = z
  .object({
    country: numberOrNull.optional(),
    cluster: numberOrNull.optional(),
    countryOf: z.number().optional(),
    clusterOf: z.number().optional(),
  })
  .transform((r) => ({ ...r, country: r.country ?? null, cluster: r.cluster ?? null }));
const pointRow = z.object({
  period: z.string(),
  value: z.number(),
  benchmarks: benchmarks.nullable().transform((b) => b ?? { national: null, cluster: null, nationalBasis: null, clusterBasis: null }),
  rank: rank.nullable().transform((r) => r ?? { country: null, cluster: null }),
  parts: z.record(z.string(), z.number()).nullable(),
  inputs: z.record(z.string(), z.unknown()),
});
const evaluationRow = z.object({
  id: z.string(),
  period: z.string(),
  value: z.number(),
  state: engineState,
  raw_state: engineState,
  previous_state: engineState.nullable(),
  reason: z.string(),
  measured: numberOrNull,
  required: numberOrNull,
  gap: numberOrNull,
  benchmarks: benchmarks.nullable().transform((b) => b ?? { national: null, cluster: null, nationalBasis: null, clusterBasis: null }),
  projection: z.object({ period: z.string(), value: z.number() }).nullable(),
  explanation: explanationSchema,
  transition: z.enum(['breach', 'at_risk', 'recovery']).nullable(),
});
const transitionRow = z.object({
  period: z.string(),
  from_state: engineState.nullable(),
  to_state: engineState,
  kind: z.enum(['breach', 'at_risk', 'recovery']),
});
const alertRow = z.object({
  id: z.string(),
  period: z.string(),
  kind: z.enum(['breach', 'at_risk', 'recovery', 'correction']),
  state: engineState,
  event_id: z.string(),
  explanation: explanationSchema,
});

/** A stored reading with the inputs an evaluation keeps for its audit. */
export interface StoredPoint extends TimelinePoint {
  inputs: Record<string, unknown>;
}

/** Every stored reading of the goal's indicator for its municipality (the timeline). */
export async function timelinePoints(manager: EntityManager, indicatorId: string, municipality: string): Promise<StoredPoint[]> {
  const rows = await manager.query(
    `SELECT period, value, benchmarks, rank, inputs->'parts' AS parts, inputs FROM indicator_values WHERE indicator_id = $1 AND municipality = $2`,
    [indicatorId, municipality],
  );
  return rows.map((row: { inputs: Record<string, unknown> }) => {
    const parsed = pointRow.parse(row);
    return {
      period: parsed.period,
      value: parsed.value,
      benchmarks: parsed.benchmarks,
      rank: parsed.rank,
      ...(parsed.parts ? { parts: parsed.parts } : {}),
      inputs: { ...row.inputs, benchmarks: parsed.benchmarks, rank: parsed.rank },
    };
  });
}

/**
 * The ministry benchmark published ready-made (Jobindsats' expected vs actual full-time persons on
 * public support), posted through ingest as two series: every pair the municipality has.
 */
export async function ministryBenchmarks(manager: EntityManager, municipality: string): Promise<MinistryBenchmark[]> {
  const rows: { period: string; actual: number; expected: number }[] = await manager.query(
    `SELECT a.period, a.value AS actual, e.value AS expected FROM indicator_values a
       JOIN indicator_values e ON e.municipality = a.municipality AND e.period = a.period AND e.indicator_id = $3
      WHERE a.indicator_id = $2 AND a.municipality = $1`,
    [municipality, BENCHMARK_ACTUAL, BENCHMARK_EXPECTED],
  );
  return rows.map((row) => ({ period: row.period, actual: Number(row.actual), expected: Number(row.expected) }));
}

/** The goal's current judgement of every period. */
export async function currentEvaluations(manager: EntityManager, goalId: string): Promise<StoredEvaluation[]> {
  const rows = await manager.query(
    `SELECT id, period, value, state, raw_state, previous_state, reason, measured, required, gap, benchmarks, projection, explanation, transition
       FROM evaluations WHERE goal_id = $1 AND kind = 'judgement' AND superseded_at IS NULL`,
    [goalId],
  );
  return rows.map((row: unknown) => {
    const parsed = evaluationRow.parse(row);
    return {
      id: parsed.id,
      period: parsed.period,
      value: parsed.value,
      state: parsed.state,
      rawState: parsed.raw_state,
      previousState: parsed.previous_state,
      reason: parsed.reason as TimelineEvaluation['reason'],
      measured: parsed.measured,
      required: parsed.required,
      gap: parsed.gap,
      benchmarks: parsed.benchmarks,
      projection: parsed.projection,
      explanation: parsed.explanation,
      transition: parsed.transition,
    };
  });
}

export interface NewEvaluation {
  evaluation: TimelineEvaluation;
  rule: unknown;
  inputs: Record<string, unknown>;
}

/** One evaluation row: a judgement of a period, or the staleness check's note that newer data is overdue. */
export interface EvaluationRecord {
  id: string;
  goalId: string;
  kind: 'judgement' | 'staleness';
  period: string;
  value: number | null;
  rule: unknown;
  gap: number | null;
  state: EngineState;
  rawState: EngineState;
  previousState: EngineState | null;
  transition: TimelineEvaluation['transition'];
  reason: string;
  measured: number | null;
  required: number | null;
  benchmarks: unknown;
  projection: unknown;
  explanation: { da: string; en: string };
  inputs: Record<string, unknown>;
  causeEventId: string | null;
}

/** Stores evaluations in one statement: the one way an evaluation row is written (judgements and staleness alike). */
export async function insertEvaluations(manager: EntityManager, records: readonly EvaluationRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    id: r.id,
    goal_id: r.goalId,
    kind: r.kind,
    period: r.period,
    value: r.value,
    rule: r.rule,
    gap: r.gap,
    state: r.state,
    raw_state: r.rawState,
    previous_state: r.previousState,
    transition: r.transition,
    reason: r.reason,
    measured: r.measured,
    required: r.required,
    benchmarks: r.benchmarks,
    projection: r.projection,
    explanation: r.explanation,
    inputs: r.inputs,
    cause_event_id: r.causeEventId,
  }));
  await manager.query(
    `INSERT INTO evaluations (id, goal_id, kind, period, value, rule, gap, state, raw_state, previous_state, transition, reason, measured, required,
                              benchmarks, projection, explanation, inputs, cause_event_id)
     SELECT r.id, r.goal_id, r.kind, r.period, r.value, r.rule, r.gap, r.state, r.raw_state, r.previous_state, r.transition, r.reason, r.measured, r.required,
            r.benchmarks, r.projection, r.explanation, r.inputs, r.cause_event_id
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, goal_id uuid, kind text, period text, value float8, rule jsonb, gap float8, state text, raw_state text,
            previous_state text, transition text, reason text, measured float8, required float8, benchmarks jsonb, projection jsonb, explanation jsonb,
            inputs jsonb, cause_event_id uuid)`,
    [JSON.stringify(rows)],
  );
}

/** Supersedes the given current evaluations and stores their replacements as current; returns the new ids by period. */
export async function replaceEvaluations(
  manager: EntityManager,
  goalId: string,
  supersede: readonly string[],
  fresh: readonly NewEvaluation[],
  causeEventId: string | null,
): Promise<Map<string, string>> {
  if (supersede.length > 0) await manager.query(`UPDATE evaluations SET superseded_at = now() WHERE id = ANY($1::uuid[])`, [supersede]);
  const ids = new Map<string, string>();
  const records = fresh.map(({ evaluation: e, rule, inputs }): EvaluationRecord => {
    const id = randomUUID();
    ids.set(e.period, id);
    return {
      id,
      goalId,
      kind: 'judgement',
      period: e.period,
      value: e.value,
      rule,
      gap: e.gap,
      state: e.state,
      rawState: e.rawState,
      previousState: e.previousState,
      transition: e.transition,
      reason: e.reason,
      measured: e.measured,
      required: e.required,
      benchmarks: e.benchmarks,
      projection: e.projection,
      explanation: e.explanation,
      inputs,
      causeEventId,
    };
  });
  await insertEvaluations(manager, records);
  return ids;
}

export async function storedTransitions(manager: EntityManager, goalId: string): Promise<TimelineTransition[]> {
  const rows = await manager.query(`SELECT period, from_state, to_state, kind FROM goal_transitions WHERE goal_id = $1`, [goalId]);
  return rows.map((row: unknown) => {
    const parsed = transitionRow.parse(row);
    return { period: parsed.period, from: parsed.from_state, to: parsed.to_state, kind: parsed.kind };
  });
}

/** Replaces the derived transitions of the re-judged periods. */
export async function replaceTransitions(
  manager: EntityManager,
  goalId: string,
  periods: readonly string[],
  transitions: readonly (TimelineTransition & { evaluationId: string })[],
): Promise<void> {
  if (periods.length > 0)
    await manager.query(`DELETE FROM goal_transitions WHERE goal_id = $1 AND period = ANY($2::text[])`, [goalId, periods]);
  if (transitions.length === 0) return;
  await manager.query(
    `INSERT INTO goal_transitions (goal_id, period, from_state, to_state, kind, evaluation_id)
     SELECT $1, r.period, r.from_state, r.to_state, r.kind, r.evaluation_id FROM jsonb_to_recordset($2::jsonb) AS r(period text, from_state text, to_state text, kind text, evaluation_id uuid)`,
    [
      goalId,
      JSON.stringify(
        transitions.map((t) => ({ period: t.period, from_state: t.from, to_state: t.to, kind: t.kind, evaluation_id: t.evaluationId })),
      ),
    ],
  );
}

/** What owners were told per period and has not been corrected since (the newest per period). */
export async function toldAlerts(manager: EntityManager, goalId: string): Promise<ToldAlert[]> {
  const rows = await manager.query(
    `SELECT DISTINCT ON (period) id, period, kind, state, event_id, explanation FROM goal_alerts
      WHERE goal_id = $1 AND corrected_at IS NULL ORDER BY period, told_at DESC, id DESC`,
    [goalId],
  );
  return rows.map((row: unknown) => {
    const parsed = alertRow.parse(row);
    return {
      id: parsed.id,
      period: parsed.period,
      kind: parsed.kind,
      state: parsed.state,
      eventId: parsed.event_id,
      explanation: parsed.explanation,
    };
  });
}

export async function recordTold(manager: EntityManager, goalId: string, told: Omit<ToldAlert, 'id'>): Promise<void> {
  await manager.query(
    `INSERT INTO goal_alerts (id, goal_id, period, kind, state, event_id, explanation) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [randomUUID(), goalId, told.period, told.kind, told.state, told.eventId, told.explanation],
  );
}

export async function markCorrected(manager: EntityManager, alertId: string, correctionEventId: string): Promise<void> {
  await manager.query(`UPDATE goal_alerts SET corrected_at = now(), corrected_by_event_id = $2 WHERE id = $1`, [
    alertId,
    correctionEventId,
  ]);
}

export interface GoalStateRow {
  state: EngineState;
  period: string;
  evaluation_id: string;
  last_judged_state: EngineState | null;
  notified_state: EngineState | null;
}

export async function lockGoalState(manager: EntityManager, goalId: string): Promise<GoalStateRow | undefined> {
  const [row] = await manager.query(
    `SELECT state, period, evaluation_id, last_judged_state, notified_state FROM goal_states WHERE goal_id = $1 FOR UPDATE`,
    [goalId],
  );
  return row;
}

export async function saveGoalState(
  manager: EntityManager,
  goalId: string,
  state: { state: EngineState; period: string; evaluationId: string; lastJudged: EngineState | null; notified: EngineState | null },
): Promise<void> {
  await manager.query(
    `INSERT INTO goal_states (goal_id, state, period, evaluation_id, last_judged_state, notified_state) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (goal_id) DO UPDATE SET state = EXCLUDED.state, period = EXCLUDED.period, evaluation_id = EXCLUDED.evaluation_id,
       last_judged_state = EXCLUDED.last_judged_state, notified_state = EXCLUDED.notified_state,
       changed_at = CASE WHEN goal_states.state = EXCLUDED.state THEN goal_states.changed_at ELSE now() END`,
    [goalId, state.state, state.period, state.evaluationId, state.lastJudged, state.notified],
  );
}

const staleCandidateRow = z.object({
  evaluation_period: z.enum(['month', 'quarter', 'rolling-12-months', 'year']),
  state: engineState,
  state_period: z.string(),
  last_value: z.number(),
});
/** A live goal with a judged state, with the period and value that state stands on. */
export type StaleCandidate = GoalRow &
  Pick<z.infer<typeof staleCandidateRow>, 'evaluation_period' | 'state' | 'state_period' | 'last_value'>;

/** Live goals whose state the staleness check may replace (not stale or not applicable already), their states locked. */
export async function lockStaleCandidates(manager: EntityManager): Promise<StaleCandidate[]> {
  const rows: unknown[] = await manager.query(
    `SELECT g.*, s.state, s.period AS state_period, e.value AS last_value
       FROM goals g JOIN goal_states s ON s.goal_id = g.id JOIN evaluations e ON e.id = s.evaluation_id
      WHERE g.deleted_at IS NULL AND s.state NOT IN ('stale', 'not_applicable')
      FOR UPDATE OF s FOR SHARE OF g`,
  );
  return rows.map((row) => ({ ...parseGoalRow(row), ...staleCandidateRow.parse(row) }));
}

/** The goal's state becomes stale, standing on the staleness evaluation `evaluationId`. */
export async function markGoalStale(manager: EntityManager, goalId: string, evaluationId: string): Promise<void> {
  await manager.query(`UPDATE goal_states SET state = 'stale', evaluation_id = $2, changed_at = now() WHERE goal_id = $1`, [
    goalId,
    evaluationId,
  ]);
}
