import { EventEnvelope, parseStoredEvent } from '@pejling/contracts';
import { GoalEvent } from './incoming-alert';

const GOAL_EVENT_TYPES: readonly string[] = [
  'goal.breached',
  'goal.recovered',
  'goal.at-risk',
  'goal.stale',
  'goal.corrected',
] satisfies GoalEvent['type'][];

function isGoalEvent(event: EventEnvelope): event is GoalEvent {
  return GOAL_EVENT_TYPES.includes(event.type);
}

/** A goal event parked in alerts_awaiting_owners, parsed with its contract; one that does not parse is an error naming its row. */
export function storedGoalEvent(position: string, envelope: unknown): GoalEvent {
  const parsed = parseStoredEvent(envelope);
  if (!parsed.ok) throw new Error(`alerts_awaiting_owners row ${position} holds an invalid event: ${parsed.reason}`);
  if (!isGoalEvent(parsed.event))
    throw new Error(`alerts_awaiting_owners row ${position} holds a ${parsed.event.type} event, not a goal event`);
  return parsed.event;
}
