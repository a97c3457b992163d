import { createEvent, EventEnvelope, GoalCorrected } from '@pejling/contracts';
import { engineTransition, GoalSpec, isJudged, judgeTimeline, TimelineEvaluation } from '@pejling/domain-goals';
import { comparePeriods, monthOf, Period } from '@pejling/domain-kernel';
import { UnitOfWork } from '@pejling/platform';
import { AlertPolicy, isHistorical } from './alert-policy';
import { GoalRow } from './goal-row';
import { evaluatedPayload, TRANSITION_EVENT } from './evaluated-payload';
import { indicatorLabels } from './indicator-labels';
import {
  currentEvaluations,
  lockGoalState,
  markCorrected,
  ministryBenchmarks,
  recordTold,
  replaceEvaluations,
  replaceTransitions,
  saveGoalState,
  StoredEvaluation,
  storedTransitions,
  timelinePoints,
  toldAlerts,
} from './timeline.repository';
import { transitionPayload } from './transition-event';
import { goalVersions, GoalVersionRow } from './goal-versions.repository';

/**
 * Judges a goal's timeline again from `from` on (null: every period) and stores the result as the
 * current judgement of each period it changed; the earlier periods' stored judgements carry the
 * hysteresis and the last judged state into the re-judged part. Publishes `goal.evaluated` for every
 * (goal, period) whose judgement changed, the derived transitions of earlier periods as history,
 * a correction for every period owners were told about that is now judged differently, and an
 * alert when the state of the goal's latest period differs from what owners were last told.
 */
export async function rejudgeGoal(
  unit: UnitOfWork,
  goal: GoalRow,
  from: Period | null,
  causeEventId: string | null,
  policy: AlertPolicy,
): Promise<EventEnvelope[]> {
  const { manager } = unit;
  const current = await lockGoalState(manager, goal.id);
  const points = await timelinePoints(manager, goal.indicator_id, goal.municipality);
  if (points.length === 0) return [];
  const versions = await goalVersions(manager, goal.id);
  const rowAt = (period: Period): GoalRow => inForce(goal, versions, period);
  const conditional = !!goal.applicability || versions.some((version) => version.spec.applicability);
  const stored = await currentEvaluations(manager, goal.id);
  const labels = await indicatorLabels(unit, goal);
  const judged = judgeTimeline({
    points,
    specFor: (period) => ({ spec: specOf(rowAt(period)), hysteresis: rowAt(period).hysteresis }),
    ministry: conditional ? await ministryBenchmarks(manager, goal.municipality) : [],
    labels,
    context: { asOf: monthOf(policy.now), nationalCoverageMin: policy.nationalCoverageMin },
    from,
    prior: stored,
  });

  const before = new Map(stored.map((evaluation) => [evaluation.period, evaluation]));
  const changed = judged.evaluations.filter((evaluation) => !sameJudgement(before.get(evaluation.period), evaluation));
  if (changed.length === 0) return [];
  const inputs = new Map(points.map((point) => [point.period, point.inputs]));
  const freshIds = await replaceEvaluations(
    manager,
    goal.id,
    changed.flatMap((evaluation) => before.get(evaluation.period)?.id ?? []),
    changed.map((evaluation) => ({ evaluation, rule: rowAt(evaluation.period).rule, inputs: inputs.get(evaluation.period) ?? {} })),
    causeEventId,
  );
  const idOf = (period: Period) => (freshIds.get(period) ?? before.get(period)?.id) as string;
  const previousTransitions = new Map((await storedTransitions(manager, goal.id)).map((transition) => [transition.period, transition]));
  await replaceTransitions(
    manager,
    goal.id,
    judged.evaluations.map((evaluation) => evaluation.period),
    judged.transitions.map((transition) => ({ ...transition, evaluationId: idOf(transition.period) })),
  );

  const options = { source: 'pejling/goals', municipality: goal.municipality, correlationId: causeEventId ?? undefined };
  const payloadOf = (evaluation: TimelineEvaluation) =>
    evaluatedPayload(rowAt(evaluation.period), { ...found(evaluation), evaluationId: idOf(evaluation.period) });
  const events: EventEnvelope[] = changed.map((evaluation) => createEvent('goal.evaluated', payloadOf(evaluation), options));

  const latest = [...judged.evaluations].sort((a, b) => comparePeriods(a.period, b.period)).at(-1) as TimelineEvaluation;
  const latestHistorical = isHistorical(goal.evaluation_period ?? 'month', latest.period, policy);
  // Transitions of earlier periods are the goal's history: recorded by notifications, not delivered.
  for (const transition of judged.transitions) {
    const previous = previousTransitions.get(transition.period);
    if (previous && previous.kind === transition.kind && previous.from === transition.from && previous.to === transition.to) continue;
    if (transition.period === latest.period && !latestHistorical) continue;
    const evaluation = judged.evaluations.find((candidate) => candidate.period === transition.period) as TimelineEvaluation;
    const row = rowAt(transition.period);
    events.push(
      createEvent(
        TRANSITION_EVENT[transition.kind],
        await transitionPayload(unit, row, payloadOf(evaluation), transition.kind, true),
        options,
      ),
    );
  }

  let notified = current?.notified_state ?? null;
  const rejudged = new Map(changed.map((evaluation) => [evaluation.period, evaluation]));
  let corrected = false;
  for (const told of await toldAlerts(manager, goal.id)) {
    const now = rejudged.get(told.period);
    if (!now || now.state === told.state) continue;
    const row = rowAt(told.period);
    const {
      transition: _transition,
      historical: _historical,
      ...base
    } = await transitionPayload(unit, row, payloadOf(now), 'breach', false);
    const payload: GoalCorrected = {
      ...base,
      corrects: { eventId: told.eventId, kind: told.kind, state: told.state, explanation: told.explanation },
      current: { period: latest.period, state: latest.state },
    };
    const correction = createEvent('goal.corrected', payload, options);
    events.push(correction);
    await markCorrected(manager, told.id, correction.id);
    await recordTold(manager, goal.id, {
      period: told.period,
      kind: 'correction',
      state: now.state,
      eventId: correction.id,
      explanation: now.explanation,
    });
    corrected = true;
  }
  // A correction also tells the owners the goal's state as of its latest period (their episodes follow it).
  if (corrected) notified = isJudged(latest.state) ? latest.state : null;
  if (!latestHistorical) {
    // Owners are told about the latest period, compared with what they were last told: a breach that
    // began in 2019 and still holds is alerted once when a backfill reaches today.
    const transition = engineTransition(notified, latest.state);
    if (transition) {
      const alert = createEvent(
        TRANSITION_EVENT[transition],
        await transitionPayload(unit, rowAt(latest.period), payloadOf(latest), transition, false),
        options,
      );
      events.push(alert);
      await recordTold(manager, goal.id, {
        period: latest.period,
        kind: transition,
        state: latest.state,
        eventId: alert.id,
        explanation: latest.explanation,
      });
    }
    if (isJudged(latest.state)) notified = latest.state;
  }

  // Stale stays stale until a newer period arrives: re-judging old periods does not make overdue data fresh.
  const keepStale = current?.state === 'stale' && current.period === latest.period;
  await saveGoalState(manager, goal.id, {
    state: keepStale ? 'stale' : latest.state,
    period: latest.period,
    evaluationId: keepStale ? current.evaluation_id : idOf(latest.period),
    lastJudged: judged.lastJudged,
    notified,
  });
  return events;
}

/** The goal as it was in force for a period: editing a goal never rewrites the judgement of earlier periods. */
function inForce(goal: GoalRow, versions: readonly GoalVersionRow[], period: Period): GoalRow {
  const version = versions.filter((candidate) => candidate.effectiveFrom <= period).at(-1);
  return version ? { ...goal, ...version.spec } : goal;
}

export function specOf(goal: GoalRow): GoalSpec {
  return {
    rule: goal.rule,
    direction: goal.direction,
    ...(goal.horizon ? { horizon: goal.horizon } : {}),
    ...(goal.precision !== null && goal.precision !== undefined ? { precision: goal.precision } : {}),
    ...(goal.applicability ? { applicability: goal.applicability } : {}),
  };
}

function found(evaluation: TimelineEvaluation) {
  return {
    period: evaluation.period,
    value: evaluation.value,
    state: evaluation.state,
    rawState: evaluation.rawState,
    previousState: evaluation.previousState,
    reason: evaluation.reason,
    measured: evaluation.measured,
    required: evaluation.required,
    gap: evaluation.gap,
    benchmarks: {
      ...evaluation.benchmarks,
      nationalBasis: evaluation.benchmarks.nationalBasis ?? null,
      clusterBasis: evaluation.benchmarks.clusterBasis ?? null,
    },
    projection: evaluation.projection,
    explanation: evaluation.explanation,
  };
}

/** Whether a stored judgement says exactly what the new one says (every judged field and the explanation). */
function sameJudgement(stored: StoredEvaluation | undefined, fresh: TimelineEvaluation): boolean {
  if (!stored) return false;
  const { id: _id, ...old } = stored;
  return JSON.stringify(canonicalJudgement(old)) === JSON.stringify(canonicalJudgement(fresh));
}

function canonicalJudgement(evaluation: TimelineEvaluation) {
  const projection = evaluation.projection && { period: evaluation.projection.period, value: evaluation.projection.value };
  return {
    ...found(evaluation),
    projection,
    transition: evaluation.transition,
    benchmarks: { national: evaluation.benchmarks.national, cluster: evaluation.benchmarks.cluster },
  };
}
