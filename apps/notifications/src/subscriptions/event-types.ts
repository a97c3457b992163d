import { EVENT_TYPES, EventType } from '@pejling/contracts';

/**
 * What an integrator may subscribe to: goal transitions and evaluations, data-quality flags, pull
 * outcomes and what happened to notifications. Figures, indicators and plans are bulk data for
 * Kafka consumers, not webhooks.
 */
export const SUBSCRIBABLE_EVENT_TYPES = (Object.keys(EVENT_TYPES) as EventType[]).filter(
  (type) => type.startsWith('goal.') || type === 'figure.flagged' || type.startsWith('pull.') || type.startsWith('notification.'),
);

/** `goal.breached`, or a family: `goal.*`, `pull.*`, `notification.*`, or `*` for everything subscribable. */
export function isEventTypePattern(pattern: string): boolean {
  return SUBSCRIBABLE_EVENT_TYPES.some((type) => matchesEventType(pattern, type));
}

export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
