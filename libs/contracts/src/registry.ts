import { z } from 'zod';
import { figureRecordedV1 } from './events/figure-recorded';
import { indicatorComputedV1 } from './events/indicator-computed';
import { goalEvaluatedV1, goalTransitionV1 } from './events/goal-evaluated';
import { TOPICS } from './topics';

/**
 * Every event type, its topic and its payload schema per version. A consumer validates each
 * payload against the schema of the version the producer stamped on the envelope.
 */
export const EVENT_TYPES = {
  'figure.recorded': { topic: TOPICS.figures, versions: { 1: figureRecordedV1 } },
  'indicator.computed': { topic: TOPICS.indicators, versions: { 1: indicatorComputedV1 } },
  'goal.evaluated': { topic: TOPICS.goalEvaluations, versions: { 1: goalEvaluatedV1 } },
  'goal.breached': { topic: TOPICS.goalTransitions, versions: { 1: goalTransitionV1 } },
  'goal.recovered': { topic: TOPICS.goalTransitions, versions: { 1: goalTransitionV1 } },
} as const;

export type EventType = keyof typeof EVENT_TYPES;

/** The payload type of the current (latest) version of each event type. */
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_TYPES)[T]['versions'][1]>;

export const CURRENT_VERSION: Record<EventType, number> = {
  'figure.recorded': 1,
  'indicator.computed': 1,
  'goal.evaluated': 1,
  'goal.breached': 1,
  'goal.recovered': 1,
};

export function topicOf(type: EventType): string {
  return EVENT_TYPES[type].topic;
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}
