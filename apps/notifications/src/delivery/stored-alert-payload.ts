import { EventPayload, EventType, GoalCorrected, GoalTransition, parseStoredPayload } from '@pejling/contracts';

/** What of an alerts row its payload is read with. */
export interface StoredAlert {
  alert_id: string | null;
  event_type: string | null;
  payload: unknown;
}

const GOAL_TRANSITION_TYPES = ['goal.breached', 'goal.recovered', 'goal.at-risk', 'goal.stale'] as const;

/**
 * An alert's stored payload, parsed with its event type's contract (a row from before a version bump
 * is upcast). A row the contract refuses is an error naming the row: a message with holes is worse than none.
 */
export function storedAlertPayload<T extends EventType>(row: StoredAlert, type: T): EventPayload<T> {
  const read = parseStoredPayload(type, row.payload);
  if (!read.ok) throw new Error(`alerts row ${row.alert_id ?? '(unknown id)'} holds an invalid ${type} payload: ${read.reason}`);
  return read.payload;
}

/** The payload of a goal alert: a transition, or a correction of one. */
export function storedGoalPayload(row: StoredAlert): GoalTransition | GoalCorrected {
  if (row.event_type === 'goal.corrected') return storedAlertPayload(row, 'goal.corrected');
  const type = GOAL_TRANSITION_TYPES.find((candidate) => candidate === row.event_type);
  if (!type)
    throw new Error(
      `alerts row ${row.alert_id ?? '(unknown id)'} has event type ${row.event_type}, neither a goal transition nor a correction`,
    );
  return storedAlertPayload(row, type);
}
