import { EventEnvelope, FigureFlagged, GoalCorrected, GoalTransition, PullFailedV1 } from '@pejling/contracts';
import { AlertKind, Recipient, Severity } from '@pejling/domain-alerting';

/** An alert as notifications handles it, whatever event it came from. */
export interface IncomingAlert {
  eventId: string;
  eventType: string;
  kind: AlertKind;
  municipality: string;
  goalId: string | null;
  planId: string | null;
  focusArea: string | null;
  severity: Severity | null;
  period: string | null;
  historical: boolean;
  owners: Recipient[];
  payload: unknown;
  /** For a correction: the event that said otherwise, and the goal's state as of its latest period. */
  correction?: { correctsEventId: string; currentState: string };
}

const KIND: Record<GoalTransition['transition'], AlertKind> = {
  breach: 'breach',
  at_risk: 'at_risk',
  recovery: 'recovery',
  stale: 'stale',
};

/** An event of the transitions topic: a transition or a correction; both name their owners by id. */
export type GoalEvent = EventEnvelope<'goal.breached' | 'goal.recovered' | 'goal.at-risk' | 'goal.stale' | 'goal.corrected'>;

export function ownerIdsOf(event: GoalEvent): string[] {
  return (event.payload as GoalTransition | GoalCorrected).ownerIds;
}

/** The alert of a transitions-topic event, with its owners resolved from notifications' own store. */
export function fromGoalEvent(event: GoalEvent, owners: Recipient[]): IncomingAlert {
  return event.type === 'goal.corrected'
    ? fromCorrection(event.id, event.payload as GoalCorrected, owners)
    : fromTransition(event.id, event.type, event.payload as GoalTransition, owners);
}

export function fromTransition(eventId: string, eventType: string, transition: GoalTransition, owners: Recipient[]): IncomingAlert {
  return {
    eventId,
    eventType,
    kind: KIND[transition.transition],
    municipality: transition.municipality,
    goalId: transition.goalId,
    planId: transition.plan?.id ?? null,
    focusArea: transition.focusArea?.id ?? null,
    severity: transition.severity,
    period: transition.period,
    historical: transition.historical,
    owners,
    payload: transition,
  };
}

/** A period owners were alerted about is judged differently now. */
export function fromCorrection(eventId: string, corrected: GoalCorrected, owners: Recipient[]): IncomingAlert {
  return {
    eventId,
    eventType: 'goal.corrected',
    kind: 'correction',
    municipality: corrected.municipality,
    goalId: corrected.goalId,
    planId: corrected.plan?.id ?? null,
    focusArea: corrected.focusArea?.id ?? null,
    severity: corrected.severity,
    period: corrected.period,
    historical: false,
    owners,
    payload: corrected,
    correction: { correctsEventId: corrected.corrects.eventId, currentState: corrected.current.state },
  };
}

/** A doubtful figure: a data-quality problem routed by municipality (it has no goal and no owners). */
export function fromFigureFlagged(eventId: string, flagged: FigureFlagged): IncomingAlert {
  return { ...dataQuality(eventId, 'figure.flagged', flagged.municipality, flagged.period), payload: flagged };
}

/** A failed scheduled pull from Jobindsats (national, key 000). */
export function fromPullFailed(eventId: string, municipality: string, failed: PullFailedV1): IncomingAlert {
  return { ...dataQuality(eventId, 'pull.failed', municipality, failed.periods.at(-1) ?? null), payload: failed };
}

function dataQuality(eventId: string, eventType: string, municipality: string, period: string | null): Omit<IncomingAlert, 'payload'> {
  return {
    eventId,
    eventType,
    kind: 'data_quality',
    municipality,
    goalId: null,
    planId: null,
    focusArea: null,
    severity: null,
    period,
    historical: false,
    owners: [],
  };
}
